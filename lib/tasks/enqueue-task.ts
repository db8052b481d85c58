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
 */
export async function enqueueTask(kind: string, payload: Record<string, unknown>, tx?: TTx): Promise<{ id: string }> {
  const id = newId();
  await (tx ?? db()).outboxMessage.create({
    data: {
      id,
      channel: "task",
      kind,
      payloadEnc: encrypt(JSON.stringify(payload), ENC.outboxTask),
      maxAttempts: env().mailMaxAttempts,
      lane: laneOf(kind),
    },
    select: { id: true },
  });
  return { id };
}
