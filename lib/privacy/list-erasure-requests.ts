import "server-only";
import { db } from "@/lib/db";
import { assertAdmin } from "@/lib/auth/assert-admin";
import type { TAgentSession } from "@/lib/auth/types";

/**
 * `listErasureRequests(agent)` — the page-level read of `/agent/privacy`, for admins only (agents
 * are refused): pending erasure requests first (oldest first, with the number of orders, tickets
 * and active keys involved), then the latest decided ones. No personal data is shown: the admin
 * opens the customer page (audited) when they need to see who it is.
 */
export async function listErasureRequests(agent: TAgentSession) {
  assertAdmin(agent);
  const [pending, decided] = await Promise.all([
    db().erasureRequest.findMany({
      where: { status: "pending" },
      orderBy: { createdAt: "asc" },
      take: 200,
      select: {
        id: true,
        createdAt: true,
        customerId: true,
        customer: {
          select: {
            _count: { select: { orders: true, tickets: true } },
            orders: {
              select: { items: { select: { _count: { select: { keys: { where: { status: "active" } } } } } } },
            },
          },
        },
      },
    }),
    db().erasureRequest.findMany({
      where: { status: { not: "pending" } },
      orderBy: { decidedAt: "desc" },
      take: 20,
      select: { id: true, status: true, createdAt: true, decidedAt: true, keepLicenseKeys: true, customerId: true },
    }),
  ]);
  return {
    pending: pending.map((r) => ({
      id: r.id,
      createdAt: r.createdAt,
      customerId: r.customerId,
      orders: r.customer._count.orders,
      tickets: r.customer._count.tickets,
      activeKeys: r.customer.orders.reduce((sum, o) => sum + o.items.reduce((n, i) => n + i._count.keys, 0), 0),
    })),
    decided,
  };
}
