import "server-only";
import { ENC } from "@/lib/crypto/contexts";
import { hashRequest, runOnce } from "@/lib/idempotency/run-once";
import { db } from "@/lib/db";
import { encrypt } from "@/lib/crypto/encryption";
import { newId } from "@/lib/crypto/tokens";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { AppError, fieldErrorsOf } from "@/lib/errors";
import { redactCardNumbers } from "@/lib/redaction/redact-card-numbers";
import {
  createAttachmentRows,
  discardStoredFiles,
  storeAttachments,
  type TIncomingFile,
} from "@/lib/tickets/attachments/store-attachments";
import { actorCustomerId, ticketWhereFor, type TTicketAccess } from "@/lib/tickets/ticket-access";
import { enforceTicketLimits, REPLY_LIMIT_PER_TICKET } from "@/lib/tickets/ticket-limits";
import { ZMessageBody } from "@/lib/tickets/schemas";

/**
 * The buyer's (or guest's) reply in their own thread: redacted before storage, with attachments;
 * it puts the ticket back into the agents' "open" queue (reopening a solved or closed one).
 * Returns how many card numbers were removed, so the page can say so.
 */
export async function replyAsCustomer(input: TCustomerReplyInput): Promise<{ redacted: number }> {
  // A double click (same form key) adds one message and sends one notification, not two.
  if (!input.idempotencyKey) return reply(input);
  return runOnce(
    {
      key: `ticket-reply:${actorCustomerId(input.access) ?? "guest"}:${input.ref.toUpperCase()}:${input.idempotencyKey.slice(0, 100)}`,
      requestHash: hashRequest(["ticket.customer_reply", input.ref.toUpperCase()]),
      ttlSeconds: 24 * 3600,
    },
    () => reply(input),
  );
}

interface TCustomerReplyInput {
  access: TTicketAccess;
  ref: string;
  body: unknown;
  files?: readonly TIncomingFile[];
  ip: string | null;
  userAgent: string | null;
  /** Random per rendered form (see `newIdempotencyKey`). */
  idempotencyKey?: string;
}

async function reply(input: TCustomerReplyInput): Promise<{ redacted: number }> {
  const ticket = await db().ticket.findFirst({
    where: { ref: input.ref.toUpperCase(), ...ticketWhereFor(input.access) },
    select: { id: true, customerId: true },
  });
  if (!ticket) throw new AppError("not_found", "There is no such ticket.");
  const parsed = ZMessageBody.safeParse(input.body);
  if (!parsed.success) {
    throw new AppError("invalid_input", "Please correct the highlighted fields.", {
      fieldErrors: fieldErrorsOf(parsed.error.issues.map((i) => ({ ...i, path: ["body"] }))),
    });
  }
  await enforceTicketLimits([[REPLY_LIMIT_PER_TICKET, ticket.id]]);
  const body = redactCardNumbers(parsed.data);
  const files = await storeAttachments(input.files ?? []);
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
          actorId: actorCustomerId(input.access),
          customerId: ticket.customerId,
          action: "ticket.customer_replied",
          targetType: "ticket",
          targetId: ticket.id,
          ip: input.ip,
          userAgent: input.userAgent,
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
