import "server-only";
import { db } from "@/lib/db";

/**
 * The orders beside a ticket: the customer's, plus any placed under the ticket's address, newest
 * first, with each item's licence key status counts and the order's refund requests.
 */
export async function listCustomerOrdersForTicket(input: { customerId: string | null; emailHash: string }) {
  const orders = await db().order.findMany({
    where: { OR: [...(input.customerId ? [{ customerId: input.customerId }] : []), { emailHash: input.emailHash }] },
    orderBy: { placedAt: "desc" },
    take: 20,
    select: {
      id: true,
      number: true,
      source: true,
      placedAt: true,
      status: true,
      currency: true,
      totalAmount: true,
      items: {
        orderBy: { position: "asc" },
        select: { id: true, name: true, quantity: true, status: true, keys: { select: { status: true } } },
      },
      refunds: { orderBy: { createdAt: "desc" }, select: { id: true, status: true, amount: true, createdAt: true } },
    },
  });
  return orders.map((o) => ({
    ...o,
    items: o.items.map(({ keys, ...item }) => ({
      ...item,
      activeKeys: keys.filter((k) => k.status === "active").length,
      revokedKeys: keys.filter((k) => k.status === "revoked").length,
    })),
  }));
}
