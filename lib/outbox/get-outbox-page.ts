import "server-only";
import { assertAdmin } from "@/lib/auth/assert-admin";
import type { TAgentSession } from "@/lib/auth/types";
import { listDeadLetters, type TDeadLetter } from "@/lib/outbox/list-dead-letters";
import { outboxStats, type TOutboxStats } from "@/lib/outbox/outbox-stats";

/** `getOutboxPage(admin)`: everything the console's outbox page shows (admins only). */
export async function getOutboxPage(
  admin: TAgentSession,
): Promise<{ stats: TOutboxStats; deadLetters: TDeadLetter[] }> {
  assertAdmin(admin);
  const [stats, deadLetters] = await Promise.all([outboxStats(admin), listDeadLetters(admin, { limit: 100 })]);
  return { stats, deadLetters };
}
