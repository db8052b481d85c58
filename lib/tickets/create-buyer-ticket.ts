import "server-only";
import { db } from "@/lib/db";
import { AppError, fieldErrorsOf } from "@/lib/errors";
import { redactCardNumbers } from "@/lib/redaction/redact-card-numbers";
import { discardStoredFiles, storeAttachments, type TIncomingFile } from "@/lib/tickets/attachments/store-attachments";
import type { TTicketCreated } from "@/lib/tickets/create-guest-ticket";
import { insertTicket } from "@/lib/tickets/insert-ticket";
import { mailTicketReceived } from "@/lib/tickets/ticket-mail";
import { newTicketRef } from "@/lib/tickets/ticket-ref";
import { BUYER_TICKET_LIMIT, enforceTicketLimits } from "@/lib/tickets/ticket-limits";
import { ZBuyerTicket } from "@/lib/tickets/schemas";
import type { TBuyerSession } from "@/lib/auth/types";

/**
 * A signed-in buyer's new ticket: the address is the session's (already verified, so the ticket
 * is verified at once), the order must be one of the buyer's own. Card numbers are redacted before
 * storage; the "we received it" mail carries the reference and a link only.
 */
export async function createBuyerTicket(input: {
  buyer: TBuyerSession;
  values: unknown;
  files?: readonly TIncomingFile[];
  ip: string | null;
  userAgent: string | null;
}): Promise<TTicketCreated> {
  const parsed = ZBuyerTicket.safeParse(input.values);
  if (!parsed.success) {
    throw new AppError("invalid_input", "Please correct the highlighted fields.", {
      fieldErrors: fieldErrorsOf(parsed.error.issues),
    });
  }
  const data = parsed.data;
  const order = data.orderId
    ? await db().order.findFirst({
        where: { id: data.orderId, customerId: input.buyer.customerId },
        select: { id: true },
      })
    : null;
  if (data.orderId && !order) {
    throw new AppError("invalid_input", "Please correct the highlighted fields.", {
      fieldErrors: { orderId: ["Choose one of your orders"] },
    });
  }
  await enforceTicketLimits([[BUYER_TICKET_LIMIT, input.buyer.customerId]]);
  const subject = redactCardNumbers(data.subject);
  const message = redactCardNumbers(data.message);
  const files = await storeAttachments(input.files ?? []);
  const ref = await newTicketRef();
  try {
    await db().$transaction(async (tx) => {
      const id = await insertTicket(tx, {
        ref,
        email: input.buyer.email,
        name: null,
        subject: subject.text,
        message: message.text,
        category: data.category ?? "other",
        customerId: input.buyer.customerId,
        orderId: order?.id ?? null,
        unmatchedOrderNumber: null,
        verified: true,
        files,
        via: "portal",
        ip: input.ip,
        userAgent: input.userAgent,
      });
      await mailTicketReceived(tx, { id, ref, email: input.buyer.email });
    });
  } catch (error) {
    discardStoredFiles(files);
    throw error;
  }
  return { ref, redacted: subject.redacted + message.redacted, verified: true };
}
