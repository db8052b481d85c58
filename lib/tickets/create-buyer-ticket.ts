import "server-only";
import { uploader } from "@/lib/tickets/attachments/stage-attachment";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { redactCardNumbers } from "@/lib/redaction/redact-card-numbers";
import {
  discardStoredFiles,
  storeAttachments,
  type TAttachmentItem,
} from "@/lib/tickets/attachments/store-attachments";
import type { TTicketCreated } from "@/lib/tickets/create-guest-ticket";
import { insertTicket } from "@/lib/tickets/insert-ticket";
import { mailTicketReceived } from "@/lib/tickets/ticket-mail";
import { newTicketRef } from "@/lib/tickets/ticket-ref";
import { BUYER_TICKET_LIMIT, enforceTicketLimits } from "@/lib/tickets/ticket-limits";
import type { TBuyerTicket } from "@/lib/tickets/schemas";
import type { TRequestMeta } from "@/lib/http/request-meta";
import type { TBuyerSession } from "@/lib/auth/types";

/** A signed-in buyer's new ticket: the checked fields and the form's files. */
export type TBuyerTicketInput = TBuyerTicket & { attachments?: readonly TAttachmentItem[] | undefined };

/**
 * `createBuyerTicket(buyer, input, meta)` — a signed-in buyer's new ticket: the address is the session's (already verified, so the ticket
 * is verified at once), the order must be one of the buyer's own. Card numbers are redacted before
 * storage; the "we received it" mail carries the reference and a link only.
 */
export async function createBuyerTicket(
  buyer: TBuyerSession,
  input: TBuyerTicketInput,
  meta: TRequestMeta,
): Promise<TTicketCreated> {
  const order = input.orderId
    ? await db().order.findFirst({
        where: { id: input.orderId, customerId: buyer.customerId },
        select: { id: true },
      })
    : null;
  if (input.orderId && !order) {
    throw new AppError("invalid_input", "Please correct the highlighted fields.", {
      fieldErrors: { orderId: ["Choose one of your orders"] },
      key: "fixFields",
      fieldKeys: { orderId: "chooseOrder" },
    });
  }
  await enforceTicketLimits([[BUYER_TICKET_LIMIT, buyer.customerId]]);
  const subject = redactCardNumbers(input.subject);
  const message = redactCardNumbers(input.message);
  const files = await storeAttachments(input.attachments ?? [], uploader.buyer(buyer.customerId));
  const ref = await newTicketRef();
  try {
    await db().$transaction(async (tx) => {
      const id = await insertTicket(tx, {
        ref,
        email: buyer.email,
        name: null,
        subject: subject.text,
        message: message.text,
        category: input.category ?? "other",
        customerId: buyer.customerId,
        orderId: order?.id ?? null,
        unmatchedOrderNumber: null,
        verified: true,
        files,
        via: "portal",
        ip: meta.ip,
        userAgent: meta.userAgent,
        locale: meta.locale,
      });
      await mailTicketReceived(tx, { id, ref, email: buyer.email });
    });
  } catch (error) {
    discardStoredFiles(files);
    throw error;
  }
  return { ref, redacted: subject.redacted + message.redacted, verified: true };
}
