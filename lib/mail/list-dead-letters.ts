import "server-only";
import type { TAgentSession } from "@/lib/auth/types";
import { db } from "@/lib/db";
import { assertAdmin } from "@/lib/auth/assert-admin";

/** A dead letter as admins see it: no recipient or content, only what went wrong. */
export interface TDeadLetter {
  id: string;
  channel: string;
  kind: string;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
}

/** Outbox rows that exhausted their attempts, newest first (admins only). */
export async function listDeadLetters(input: { agent: TAgentSession; limit?: number }): Promise<TDeadLetter[]> {
  assertAdmin(input.agent);
  return db().outboxMessage.findMany({
    where: { status: "dead" },
    select: { id: true, channel: true, kind: true, attempts: true, lastError: true, createdAt: true },
    orderBy: { createdAt: "desc" },
    take: Math.min(Math.max(input.limit ?? 100, 1), 500),
  });
}
