import "server-only";
import { db } from "@/lib/db";
import type { OutboxChannel } from "@/lib/db/generated/sqlite/enums";

/** How the outbox and the look-up queue are doing, per channel (mail, task, webhook). */
export interface TQueueStats {
  channels: { channel: OutboxChannel; pending: number; dead: number; oldestPendingSeconds: number }[];
  /** Age of the oldest look-up ("find my orders") still waiting for the worker; 0 when none waits. */
  lookupLagSeconds: number;
}

/**
 * `queueStats(now)` — system read (no actor: counts only, no content), for /metrics and
 * `keydesk status`: pending and dead rows and the age of the oldest pending row per channel, and
 * the look-up task lag. Two indexed queries.
 */
export async function queueStats(now = new Date()): Promise<TQueueStats> {
  const [groups, oldestLookup] = await Promise.all([
    db().outboxMessage.groupBy({
      by: ["channel", "status"],
      where: { status: { in: ["pending", "dead"] } },
      _count: { _all: true },
      _min: { createdAt: true },
    }),
    db().outboxMessage.findFirst({
      where: { channel: "task", kind: "buyer.lookup", status: "pending" },
      orderBy: { createdAt: "asc" },
      select: { createdAt: true },
    }),
  ]);
  const age = (at: Date | null | undefined) => (at ? Math.max(0, (now.getTime() - at.getTime()) / 1000) : 0);
  const channels = new Map<OutboxChannel, TQueueStats["channels"][number]>();
  for (const group of groups) {
    const entry = channels.get(group.channel) ?? {
      channel: group.channel,
      pending: 0,
      dead: 0,
      oldestPendingSeconds: 0,
    };
    if (group.status === "pending") {
      entry.pending = group._count._all;
      entry.oldestPendingSeconds = age(group._min.createdAt);
    } else {
      entry.dead = group._count._all;
    }
    channels.set(group.channel, entry);
  }
  return { channels: [...channels.values()], lookupLagSeconds: age(oldestLookup?.createdAt) };
}
