import "server-only";
import { db } from "@/lib/db";
import type { TBuyerSession } from "@/lib/auth/types";

/** An order a signed-in buyer may pick on the support form. */
export interface TTicketOrderChoice {
  id: string;
  number: string;
  placedAt: Date;
  itemNames: string[];
}

/**
 * `getNewTicketPage(buyer)` — what the support form needs: for a signed-in buyer the orders they
 * may pick (their own, newest first); for anyone else `null`, and the form asks for an address and
 * an order number instead.
 */
export async function getNewTicketPage(buyer: TBuyerSession | null): Promise<{ orders: TTicketOrderChoice[] | null }> {
  if (!buyer) return { orders: null };
  const orders = await db().order.findMany({
    where: { customerId: buyer.customerId },
    orderBy: [{ placedAt: "desc" }, { createdAt: "desc" }],
    take: 200,
    select: { id: true, number: true, placedAt: true, items: { orderBy: { position: "asc" }, select: { name: true } } },
  });
  return {
    orders: orders.map((o) => ({
      id: o.id,
      number: o.number,
      placedAt: o.placedAt,
      itemNames: o.items.map((i) => i.name),
    })),
  };
}
