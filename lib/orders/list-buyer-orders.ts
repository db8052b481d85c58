import "server-only";
import { db } from "@/lib/db";
import type { TBuyerSession } from "@/lib/auth/types";
import { BUYER_ORDER_SELECT, toBuyerOrderSummary, type TBuyerOrderSummary } from "@/lib/orders/buyer-order-dto";

/** Most orders a buyer's list shows (far more than any real buyer has). */
export const BUYER_ORDERS_CAP = 200;

/**
 * `listBuyerOrders(actor)`: every order of the signed-in buyer (the whole `/orders` page), across all sources, newest first. Ownership is the query
 * itself: the customer row is the verified address, and orders whose address an agent corrected
 * move with their `customerId`.
 */
export async function listBuyerOrders(buyer: TBuyerSession): Promise<TBuyerOrderSummary[]> {
  const orders = await db().order.findMany({
    where: { customerId: buyer.customerId },
    orderBy: [{ placedAt: "desc" }, { createdAt: "desc" }],
    take: BUYER_ORDERS_CAP,
    select: BUYER_ORDER_SELECT,
  });
  return orders.map(toBuyerOrderSummary);
}
