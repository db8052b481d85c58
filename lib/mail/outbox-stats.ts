import "server-only";
import { db } from "@/lib/db";

/** Number of outbox rows per status, plus how many pending rows are due now. */
export interface TOutboxStats {
  pending: number;
  sent: number;
  dead: number;
  due: number;
}

/**
 * Counts of the outbox by status (no personal data, so no agent argument: the console, health
 * checks and the CLI can all show it).
 */
export async function outboxStats(): Promise<TOutboxStats> {
  const [groups, due] = await Promise.all([
    db().outboxMessage.groupBy({ by: ["status"], _count: { _all: true } }),
    db().outboxMessage.count({ where: { status: "pending", nextAttemptAt: { lte: new Date() } } }),
  ]);
  const stats: TOutboxStats = { pending: 0, sent: 0, dead: 0, due };
  for (const group of groups) stats[group.status] = group._count._all;
  return stats;
}
