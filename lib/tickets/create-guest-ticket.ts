import "server-only";
import { uploader } from "@/lib/tickets/attachments/stage-attachment";
import { db } from "@/lib/db";
import { emailIndex } from "@/lib/crypto/blind-index";
import { log } from "@/lib/log";
import { consumePowSolution, parsePowField } from "@/lib/pow/verify-pow-solution";
import { redactCardNumbers } from "@/lib/redaction/redact-card-numbers";
import {
  discardStoredFiles,
  storeAttachments,
  type TAttachmentItem,
} from "@/lib/tickets/attachments/store-attachments";
import { insertTicket } from "@/lib/tickets/insert-ticket";
import { mailTicketConfirmation } from "@/lib/tickets/ticket-mail";
import { decoyTicketRef, newTicketRef } from "@/lib/tickets/ticket-ref";
import {
  API_LIMIT_PER_ADDRESS,
  API_LIMIT_PER_IP,
  enforceTicketLimits,
  FORM_LIMIT_PER_ADDRESS,
  FORM_LIMIT_PER_IP,
} from "@/lib/tickets/ticket-limits";
import type { TGuestTicket } from "@/lib/tickets/schemas";
import type { TRequestMeta } from "@/lib/http/request-meta";

/** What the customer is told after sending: the reference, and how many card numbers were removed. */
export interface TTicketCreated {
  ref: string;
  redacted: number;
  /** False for guests until they confirm from the mailed link. */
  verified: boolean;
}

/** A guest's new ticket: the checked fields, where it came from, and what the form adds. */
export type TGuestTicketInput = TGuestTicket & {
  channel: "form" | "api";
  /** The honeypot field: anything in it means a bot. */
  website?: string | undefined;
  /** The proof-of-work answer (web form only). */
  pow?: string | undefined;
  attachments?: readonly TAttachmentItem[] | undefined;
};

/**
 * `createGuestTicket(input, meta)` — a guest's new ticket, from the web form or the public JSON API
 * (public: nobody is signed in). Checks, in order: the honeypot (a filled one gets a
 * normal-looking answer and nothing is stored), the attachments,
 * the proof of work (form only — the API is limited harder instead), and rate limits per IP and per
 * address. Card numbers are redacted from subject and message before anything is stored. The ticket
 * is saved at once, unverified, with a confirmation mail (reference and link only) in the same
 * transaction.
 */
export async function createGuestTicket(input: TGuestTicketInput, meta: TRequestMeta): Promise<TTicketCreated> {
  if (input.website?.trim()) {
    log.info("ticket honeypot filled", { channel: input.channel });
    return { ref: decoyTicketRef(), redacted: 0, verified: false };
  }
  if (input.channel === "form") await consumePowSolution(input.pow);
  const emailHash = emailIndex(input.email);
  // A request without a known address still counts, all such requests together.
  const ip = meta.ip ?? "unknown";
  await enforceTicketLimits(
    input.channel === "api"
      ? [
          [API_LIMIT_PER_IP, ip],
          [API_LIMIT_PER_ADDRESS, emailHash],
        ]
      : [
          [FORM_LIMIT_PER_IP, ip],
          [FORM_LIMIT_PER_ADDRESS, emailHash],
        ],
  );

  const subject = redactCardNumbers(input.subject);
  const message = redactCardNumbers(input.message);
  // An order is linked only when its number belongs to this address: typing someone else's number
  // attaches nothing.
  const order = input.orderNumber
    ? await db().order.findFirst({
        where: { number: input.orderNumber, emailHash },
        select: { id: true, customerId: true },
      })
    : null;
  const files = await storeAttachments(
    input.attachments ?? [],
    uploader.pow(parsePowField(input.pow)?.challenge ?? ""),
  );
  const ref = await newTicketRef();
  try {
    await db().$transaction(async (tx) => {
      const id = await insertTicket(tx, {
        ref,
        email: input.email,
        name: input.name ?? null,
        subject: subject.text,
        message: message.text,
        category: input.category ?? "other",
        // Joins the customer only when the guest confirms from the mailed link (redeem-ticket-link.ts).
        customerId: null,
        orderId: order?.id ?? null,
        unmatchedOrderNumber: input.orderNumber && !order ? input.orderNumber : null,
        verified: false,
        files,
        via: input.channel,
        ip: meta.ip,
        userAgent: meta.userAgent,
        locale: meta.locale,
      });
      await mailTicketConfirmation(tx, { id, ref, email: input.email });
    });
  } catch (error) {
    discardStoredFiles(files);
    throw error;
  }
  return { ref, redacted: subject.redacted + message.redacted, verified: false };
}
