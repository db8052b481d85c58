import "server-only";
import { db } from "@/lib/db";
import type { TAgentSession } from "@/lib/auth/types";
import { isAdmin } from "@/lib/auth/assert-admin";
import { outboxStats } from "@/lib/outbox/outbox-stats";

/**
 * `getConsoleOverview(agent)`: counts for the console's start page; mail delivery health (the
 * outbox) is included for admins only.
 */
export async function getConsoleOverview(agent: TAgentSession) {
  const weekAgo = new Date(Date.now() - 7 * 86_400_000);
  const [orders, ordersThisWeek, customers, openTickets, pendingRefunds] = await Promise.all([
    db().order.count(),
    db().order.count({ where: { placedAt: { gte: weekAgo } } }),
    db().customer.count({ where: { erasedAt: null } }),
    db().ticket.count({ where: { status: { in: ["open", "pending"] } } }),
    db().refundRequest.count({ where: { status: "pending" } }),
  ]);
  const outbox = isAdmin(agent) ? await outboxStats(agent) : null;
  const mail = outbox ? { pending: outbox.pending, dead: outbox.dead } : null;
  return { orders, ordersThisWeek, customers, openTickets, pendingRefunds, mail };
}
