import "server-only";
import { db } from "@/lib/db";
import { assertAdmin } from "@/lib/auth/assert-admin";
import type { TAgentSession } from "@/lib/auth/types";

/** Number of outbox rows per status, plus how many pending rows are due now. */
export interface TOutboxStats {
  pending: number;
  sent: number;
  dead: number;
  due: number;
}

/** `outboxStats(admin)`: counts of the outbox by status (admins only, like the rest of the outbox page). */
export async function outboxStats(admin: TAgentSession): Promise<TOutboxStats> {
  assertAdmin(admin);
  const [groups, due] = await Promise.all([
    db().outboxMessage.groupBy({ by: ["status"], _count: { _all: true } }),
    db().outboxMessage.count({ where: { status: "pending", nextAttemptAt: { lte: new Date() } } }),
  ]);
  const stats: TOutboxStats = { pending: 0, sent: 0, dead: 0, due };
  for (const group of groups) stats[group.status] = group._count._all;
  return stats;
}
