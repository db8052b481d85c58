import "server-only";
import type { TAgentSession } from "@/lib/auth/types";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { assertAdmin } from "@/lib/auth/assert-admin";

/** Puts a dead letter back in the queue with a fresh set of attempts (admins only, audited). */
export async function retryDeadLetter(input: { agent: TAgentSession; id: string }): Promise<{ id: string }> {
  assertAdmin(input.agent);
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
        actorId: input.agent.agentId,
        action: "outbox.retried",
        targetType: "outbox_message",
        targetId: input.id,
        metadata: { kind: row.kind, channel: row.channel },
      },
      tx,
    );
    return { id: input.id };
  });
}
