import "server-only";
import { ENC } from "@/lib/crypto/contexts";
import { hashRequest, runOnce } from "@/lib/idempotency/run-once";
import { z } from "zod";
import { db } from "@/lib/db";
import { decrypt, encrypt } from "@/lib/crypto/encryption";
import { newId } from "@/lib/crypto/tokens";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { AppError, fieldErrorsOf } from "@/lib/errors";
import type { TAgentSession } from "@/lib/auth/types";
import { redactCardNumbers } from "@/lib/redaction/redact-card-numbers";
import {
  createAttachmentRows,
  discardStoredFiles,
  storeAttachments,
  type TIncomingFile,
} from "@/lib/tickets/attachments/store-attachments";
import { mailTicketReply } from "@/lib/tickets/ticket-mail";
import { TICKET_STATUSES, ZMessageBody } from "@/lib/tickets/schemas";

const ZAgentReply = z.object({
  body: ZMessageBody,
  internal: z.boolean(),
  /** Status after a public reply; usually "pending" (waiting on the customer) or "solved". */
  status: z.enum(TICKET_STATUSES).optional(),
});

/**
 * An agent writes in a ticket. A public reply goes to the customer's thread, sets the status
 * (default: waiting on the customer), takes the ticket if nobody has it, and queues a notification
 * with the reference and a link only. An internal note is stored marked internal: it never reaches
 * the buyer's thread, and no mail is sent. Both are audited.
 */
export async function replyAsAgent(input: TAgentReplyInput): Promise<{ internal: boolean }> {
  // A double click (same form key) adds one message and mails the buyer once.
  if (!input.idempotencyKey) return reply(input);
  return runOnce(
    {
      key: `ticket-reply:${input.agent.agentId}:${input.ref.toUpperCase()}:${input.idempotencyKey.slice(0, 100)}`,
      requestHash: hashRequest(["ticket.agent_reply", input.ref.toUpperCase()]),
      ttlSeconds: 24 * 3600,
    },
    () => reply(input),
  );
}

interface TAgentReplyInput {
  agent: TAgentSession;
  ref: string;
  values: unknown;
  files?: readonly TIncomingFile[];
  ip?: string | null;
  userAgent?: string | null;
  /** Random per rendered form (see `newIdempotencyKey`). */
  idempotencyKey?: string;
}

async function reply(input: TAgentReplyInput): Promise<{ internal: boolean }> {
  const parsed = ZAgentReply.safeParse(input.values);
  if (!parsed.success)
    throw new AppError("invalid_input", "Please correct the highlighted fields.", {
      fieldErrors: fieldErrorsOf(parsed.error.issues),
    });
  const { internal } = parsed.data;
  const ticket = await db().ticket.findUnique({
    where: { ref: input.ref.toUpperCase() },
    select: { id: true, ref: true, emailEnc: true, status: true, assigneeId: true, customerId: true },
  });
  if (!ticket) throw new AppError("not_found", "There is no such ticket.");
  const body = redactCardNumbers(parsed.data.body);
  const files = await storeAttachments(input.files ?? []);
  try {
    await db().$transaction(async (tx) => {
      const now = new Date();
      const messageId = newId();
      await tx.ticketMessage.create({
        data: {
          id: messageId,
          ticketId: ticket.id,
          author: "agent",
          agentId: input.agent.agentId,
          internal,
          bodyEnc: encrypt(body.text, ENC.ticketBody),
          createdAt: now,
        },
      });
      await createAttachmentRows(tx, { ticketId: ticket.id, messageId, files });
      const status = internal ? ticket.status : (parsed.data.status ?? "pending");
      if (!internal) {
        await tx.ticket.update({
          where: { id: ticket.id },
          data: { status, lastMessageAt: now, assigneeId: ticket.assigneeId ?? input.agent.agentId },
        });
        await mailTicketReply(tx, {
          id: ticket.id,
          ref: ticket.ref,
          email: decrypt(ticket.emailEnc, ENC.ticketEmail),
        });
      }
      await recordAuditEvent(
        {
          actorType: "agent",
          actorId: input.agent.agentId,
          customerId: ticket.customerId,
          action: internal ? "ticket.note_added" : "ticket.agent_replied",
          targetType: "ticket",
          targetId: ticket.id,
          ip: input.ip,
          userAgent: input.userAgent,
          metadata: { attachments: files.length, status },
        },
        tx,
      );
    });
  } catch (error) {
    discardStoredFiles(files);
    throw error;
  }
  return { internal };
}
