import "server-only";
import { db } from "@/lib/db";
import { assertAdmin } from "@/lib/auth/assert-admin";
import type { TAgentSession } from "@/lib/auth/types";
import type { TOutboxListInput } from "@/lib/outbox/schemas";

/** A dead letter as admins see it: no recipient or content, only what went wrong. */
export interface TDeadLetter {
  id: string;
  channel: string;
  kind: string;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
}

/** `listDeadLetters(admin, { limit })`: outbox rows that exhausted their attempts, newest first (admins only). */
export async function listDeadLetters(admin: TAgentSession, input: TOutboxListInput = {}): Promise<TDeadLetter[]> {
  assertAdmin(admin);
  return db().outboxMessage.findMany({
    where: { status: "dead" },
    select: { id: true, channel: true, kind: true, attempts: true, lastError: true, createdAt: true },
    orderBy: { createdAt: "desc" },
    take: Math.min(Math.max(input.limit ?? 100, 1), 500),
  });
}
