import "server-only";
import { uploader } from "@/lib/tickets/attachments/stage-attachment";
import { ENC } from "@/lib/crypto/contexts";
import { hashRequest, runOnce } from "@/lib/idempotency/run-once";
import { db } from "@/lib/db";
import { decrypt, encrypt } from "@/lib/crypto/encryption";
import { newId } from "@/lib/crypto/tokens";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { AppError } from "@/lib/errors";
import type { TAgentSession } from "@/lib/auth/types";
import { redactCardNumbers } from "@/lib/redaction/redact-card-numbers";
import {
  createAttachmentRows,
  discardStoredFiles,
  storeAttachments,
} from "@/lib/tickets/attachments/store-attachments";
import { mailTicketReply } from "@/lib/tickets/ticket-mail";
import type { TAgentReplyInput } from "@/lib/tickets/agent-schemas";
import type { TRequestMeta } from "@/lib/http/request-meta";

/**
 * `replyAsAgent(agent, input, meta)` — an agent writes in a ticket (`mode`: "public" or "internal"). A public reply goes to the customer's thread, sets the status
 * (default: waiting on the customer), takes the ticket if nobody has it, and queues a notification
 * with the reference and a link only. An internal note is stored marked internal: it never reaches
 * the buyer's thread, and no mail is sent. Both are audited.
 */
export async function replyAsAgent(
  agent: TAgentSession,
  input: TAgentReplyInput,
  meta: TRequestMeta,
): Promise<{ internal: boolean }> {
  // A double click (same form key) adds one message and mails the buyer once.
  if (!input.idempotencyKey) return reply(agent, input, meta);
  return runOnce(
    {
      key: `ticket-reply:${agent.agentId}:${input.ref.toUpperCase()}:${input.idempotencyKey.slice(0, 100)}`,
      requestHash: hashRequest(["ticket.agent_reply", input.ref.toUpperCase()]),
      ttlSeconds: 24 * 3600,
    },
    () => reply(agent, input, meta),
  );
}

async function reply(
  agent: TAgentSession,
  input: TAgentReplyInput,
  meta: TRequestMeta,
): Promise<{ internal: boolean }> {
  const internal = input.mode === "internal";
  const ticket = await db().ticket.findUnique({
    where: { ref: input.ref.toUpperCase() },
    select: { id: true, ref: true, emailEnc: true, status: true, assigneeId: true, customerId: true },
  });
  if (!ticket) throw new AppError("not_found", "There is no such ticket.");
  const body = redactCardNumbers(input.body);
  const files = await storeAttachments(input.attachments ?? [], uploader.agent(agent.agentId));
  try {
    await db().$transaction(async (tx) => {
      const now = new Date();
      const messageId = newId();
      await tx.ticketMessage.create({
        data: {
          id: messageId,
          ticketId: ticket.id,
          author: "agent",
          agentId: agent.agentId,
          internal,
          bodyEnc: encrypt(body.text, ENC.ticketBody),
          createdAt: now,
        },
      });
      await createAttachmentRows(tx, { ticketId: ticket.id, messageId, files });
      const status = internal ? ticket.status : (input.status ?? "pending");
      if (!internal) {
        await tx.ticket.update({
          where: { id: ticket.id },
          data: { status, lastMessageAt: now, assigneeId: ticket.assigneeId ?? agent.agentId },
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
          actorId: agent.agentId,
          customerId: ticket.customerId,
          action: internal ? "ticket.note_added" : "ticket.agent_replied",
          targetType: "ticket",
          targetId: ticket.id,
          ip: meta.ip,
          userAgent: meta.userAgent,
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
