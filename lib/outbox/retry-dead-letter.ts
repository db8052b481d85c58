import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { assertAdmin } from "@/lib/auth/assert-admin";
import type { TAgentSession } from "@/lib/auth/types";
import type { TRequestMeta } from "@/lib/http/request-meta";
import type { TOutboxMessageIdInput } from "@/lib/outbox/schemas";

/**
 * `retryDeadLetter(admin, { id }, meta)`: puts a dead letter back in the queue with a fresh set of
 * attempts (admins only, audited).
 */
export async function retryDeadLetter(
  admin: TAgentSession,
  input: TOutboxMessageIdInput,
  meta: TRequestMeta,
): Promise<{ id: string }> {
  assertAdmin(admin);
  return db().$transaction(async (tx) => {
    const requeued = await tx.outboxMessage.updateMany({
      where: { id: input.id, status: "dead" },
      data: { status: "pending", attempts: 0, nextAttemptAt: new Date(), claimToken: null, lockedUntil: null },
    });
    if (requeued.count === 0) throw new AppError("not_found", "There is no dead letter with that id.");
    const row = await tx.outboxMessage.findUniqueOrThrow({
      where: { id: input.id },
      select: { kind: true, channel: true },
    });
    await recordAuditEvent(
      {
        actorType: "agent",
        actorId: admin.agentId,
        action: "outbox.retried",
        targetType: "outbox_message",
        targetId: input.id,
        ip: meta.ip,
        userAgent: meta.userAgent,
        metadata: { kind: row.kind, channel: row.channel },
      },
      tx,
    );
    return { id: input.id };
  });
}
