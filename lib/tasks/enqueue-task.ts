import "server-only";
import { ENC } from "@/lib/crypto/contexts";
import { db, type TTx } from "@/lib/db";
import { encrypt } from "@/lib/crypto/encryption";
import { newId } from "@/lib/crypto/tokens";
import { env } from "@/lib/env";
import { laneOf } from "@/lib/outbox/lanes";

/**
 * Queues deferred work for the worker (outbox channel "task"): the payload is encrypted, and the
 * row is retried with back-off like mail. Returns the row id.
 *
 * One fixed statement instead of `outboxMessage.create` (every "find my orders" runs it; a model
 * query costs several times a raw one in Prisma's interpreter — bench/PROFILE.md). It writes every
 * column Prisma's create wrote: the table's own defaults would not do, as SQLite's
 * `CURRENT_TIMESTAMP` is another text format than the adapter's, and the worker's claim compares
 * `nextAttemptAt` as text there. Both dates are one `Date` parameter, formatted by the adapter
 * exactly as for a model query (test/integration/outbox-enqueue-task.test.ts on both databases).
 */
export async function enqueueTask(kind: string, payload: Record<string, unknown>, tx?: TTx): Promise<{ id: string }> {
  const id = newId();
  const now = new Date();
  const payloadEnc = encrypt(JSON.stringify(payload), ENC.outboxTask);
  await (tx ?? db()).$executeRaw`
    INSERT INTO "OutboxMessage"
      ("id", "channel", "kind", "payloadEnc", "status", "attempts", "maxAttempts", "nextAttemptAt", "createdAt", "lane")
    VALUES (${id}, 'task', ${kind}, ${payloadEnc}, 'pending', 0, ${env().mailMaxAttempts}, ${now}, ${now}, ${laneOf(kind)})`;
  return { id };
}
