import "server-only";
import { db } from "@/lib/db";
import { emailIndex } from "@/lib/crypto/blind-index";
import { AppError, fieldErrorsOf } from "@/lib/errors";
import { log } from "@/lib/log";
import { consumePowSolution } from "@/lib/pow/verify-pow-solution";
import { redactCardNumbers } from "@/lib/redaction/redact-card-numbers";
import { discardStoredFiles, storeAttachments, type TIncomingFile } from "@/lib/tickets/attachments/store-attachments";
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
import { ZGuestTicket } from "@/lib/tickets/schemas";

/** What the customer is told after sending: the reference, and how many card numbers were removed. */
export interface TTicketCreated {
  ref: string;
  redacted: number;
  /** False for guests until they confirm from the mailed link. */
  verified: boolean;
}

/**
 * A guest's new ticket, from the web form or the public JSON API. Checks, in order: the honeypot
 * (a filled one gets a normal-looking answer and nothing is stored), the fields, the attachments,
 * the proof of work (form only — the API is limited harder instead), and rate limits per IP and per
 * address. Card numbers are redacted from subject and message before anything is stored. The ticket
 * is saved at once, unverified, with a confirmation mail (reference and link only) in the same
 * transaction.
 */
export async function createGuestTicket(input: {
  values: unknown;
  channel: "form" | "api";
  honeypot?: unknown;
  pow?: unknown;
  files?: readonly TIncomingFile[];
  ip: string;
  userAgent: string | null;
}): Promise<TTicketCreated> {
  if (typeof input.honeypot === "string" && input.honeypot.trim() !== "") {
    log.info("ticket honeypot filled", { channel: input.channel });
    return { ref: decoyTicketRef(), redacted: 0, verified: false };
  }
  const parsed = ZGuestTicket.safeParse(input.values);
  if (!parsed.success) {
    throw new AppError("invalid_input", "Please correct the highlighted fields.", {
      fieldErrors: fieldErrorsOf(parsed.error.issues),
    });
  }
  const data = parsed.data;
  if (input.channel === "form") await consumePowSolution(input.pow);
  const emailHash = emailIndex(data.email);
  await enforceTicketLimits(
    input.channel === "api"
      ? [
          [API_LIMIT_PER_IP, input.ip],
          [API_LIMIT_PER_ADDRESS, emailHash],
        ]
      : [
          [FORM_LIMIT_PER_IP, input.ip],
          [FORM_LIMIT_PER_ADDRESS, emailHash],
        ],
  );

  const subject = redactCardNumbers(data.subject);
  const message = redactCardNumbers(data.message);
  // An order is linked only when its number belongs to this address: typing someone else's number
  // attaches nothing.
  const order = data.orderNumber
    ? await db().order.findFirst({
        where: { number: data.orderNumber, emailHash },
        select: { id: true, customerId: true },
      })
    : null;
  const files = await storeAttachments(input.files ?? []);
  const ref = await newTicketRef();
  try {
    await db().$transaction(async (tx) => {
      const id = await insertTicket(tx, {
        ref,
        email: data.email,
        name: data.name ?? null,
        subject: subject.text,
        message: message.text,
        category: data.category ?? "other",
        // Joins the customer only when the guest confirms from the mailed link (redeem-ticket-link.ts).
        customerId: null,
        orderId: order?.id ?? null,
        unmatchedOrderNumber: data.orderNumber && !order ? data.orderNumber : null,
        verified: false,
        files,
        via: input.channel,
        ip: input.ip,
        userAgent: input.userAgent,
      });
      await mailTicketConfirmation(tx, { id, ref, email: data.email });
    });
  } catch (error) {
    discardStoredFiles(files);
    throw error;
  }
  return { ref, redacted: subject.redacted + message.redacted, verified: false };
}
