import "server-only";
import { uploader } from "@/lib/tickets/attachments/stage-attachment";
import { ENC } from "@/lib/crypto/contexts";
import { hashRequest, runOnce } from "@/lib/idempotency/run-once";
import { db } from "@/lib/db";
import { encrypt } from "@/lib/crypto/encryption";
import { newId } from "@/lib/crypto/tokens";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { AppError } from "@/lib/errors";
import { redactCardNumbers } from "@/lib/redaction/redact-card-numbers";
import {
  createAttachmentRows,
  discardStoredFiles,
  storeAttachments,
} from "@/lib/tickets/attachments/store-attachments";
import { actorCustomerId, ticketWhereFor, type TTicketAccess } from "@/lib/tickets/ticket-access";
import { enforceTicketLimits, REPLY_LIMIT_PER_TICKET } from "@/lib/tickets/ticket-limits";
import type { TCustomerReplyInput } from "@/lib/tickets/schemas";
import type { TRequestMeta } from "@/lib/http/request-meta";

/**
 * `replyAsCustomer(access, input, meta)` — the buyer's (or guest's) reply in their own thread: redacted before storage, with attachments;
 * it puts the ticket back into the agents' "open" queue (reopening a solved or closed one).
 * Returns how many card numbers were removed, so the page can say so.
 */
export async function replyAsCustomer(
  access: TTicketAccess,
  input: TCustomerReplyInput,
  meta: TRequestMeta,
): Promise<{ redacted: number }> {
  // A double click (same form key) adds one message and sends one notification, not two.
  if (!input.idempotencyKey) return reply(access, input, meta);
  return runOnce(
    {
      key: `ticket-reply:${actorCustomerId(access) ?? "guest"}:${input.ref.toUpperCase()}:${input.idempotencyKey.slice(0, 100)}`,
      requestHash: hashRequest(["ticket.customer_reply", input.ref.toUpperCase()]),
      ttlSeconds: 24 * 3600,
    },
    () => reply(access, input, meta),
  );
}

async function reply(
  access: TTicketAccess,
  input: TCustomerReplyInput,
  meta: TRequestMeta,
): Promise<{ redacted: number }> {
  const ticket = await db().ticket.findFirst({
    where: { ref: input.ref.toUpperCase(), ...ticketWhereFor(access) },
    select: { id: true, customerId: true },
  });
  if (!ticket) throw new AppError("not_found", "There is no such ticket.", { key: "noSuchTicket" });
  await enforceTicketLimits([[REPLY_LIMIT_PER_TICKET, ticket.id]]);
  const body = redactCardNumbers(input.body);
  const files = await storeAttachments(
    input.attachments ?? [],
    access.kind === "buyer" ? uploader.buyer(access.buyer.customerId) : uploader.ticket(access.ticketId),
  );
  try {
    await db().$transaction(async (tx) => {
      const now = new Date();
      const messageId = newId();
      await tx.ticketMessage.create({
        data: {
          id: messageId,
          ticketId: ticket.id,
          author: "customer",
          bodyEnc: encrypt(body.text, ENC.ticketBody),
          createdAt: now,
        },
      });
      await createAttachmentRows(tx, { ticketId: ticket.id, messageId, files });
      await tx.ticket.update({ where: { id: ticket.id }, data: { status: "open", lastMessageAt: now } });
      await recordAuditEvent(
        {
          actorType: "customer",
          actorId: actorCustomerId(access),
          customerId: ticket.customerId,
          action: "ticket.customer_replied",
          targetType: "ticket",
          targetId: ticket.id,
          ip: meta.ip,
          userAgent: meta.userAgent,
          metadata: { attachments: files.length, redacted: body.redacted },
        },
        tx,
      );
    });
  } catch (error) {
    discardStoredFiles(files);
    throw error;
  }
  return { redacted: body.redacted };
}
