import "server-only";
import { db, type TTx } from "@/lib/db";

/** Two purchases of the same product by the same buyer this close together look like a mistake. */
export const DUPLICATE_WINDOW_HOURS = 72;

export interface TDuplicateEvidence {
  /** The item of the later order that probably repeats an earlier purchase. */
  orderItemId: string;
  sku: string;
  /** The earlier order with the same product. */
  other: { orderId: string; number: string; source: string; placedAt: Date };
}

/**
 * Items of an order that repeat a purchase of the same product (SKU) by the same customer placed
 * up to 72 hours earlier — the later order is the probable duplicate, so only its items are
 * returned. The customer is part of the query: only that customer's orders are compared.
 */
export async function detectDuplicates(
  input: { customerId: string; orderId: string },
  tx?: TTx,
): Promise<TDuplicateEvidence[]> {
  const client = tx ?? db();
  const order = await client.order.findFirst({
    where: { id: input.orderId, customerId: input.customerId },
    select: { id: true, placedAt: true, createdAt: true, items: { select: { id: true, sku: true } } },
  });
  if (!order || order.items.length === 0) return [];
  const windowMs = DUPLICATE_WINDOW_HOURS * 3_600_000;
  const earlier = await client.order.findMany({
    where: {
      customerId: input.customerId,
      id: { not: order.id },
      placedAt: { gte: new Date(order.placedAt.getTime() - windowMs), lte: order.placedAt },
      items: { some: { sku: { in: order.items.map((item) => item.sku) } } },
    },
    orderBy: { placedAt: "desc" },
    take: 20,
    select: { id: true, number: true, source: true, placedAt: true, createdAt: true, items: { select: { sku: true } } },
  });
  // Same minute: the one recorded first counts as the original.
  const before = earlier.filter(
    (o) =>
      o.placedAt < order.placedAt ||
      (o.placedAt.getTime() === order.placedAt.getTime() && o.createdAt < order.createdAt),
  );
  const evidence: TDuplicateEvidence[] = [];
  for (const item of order.items) {
    const other = before.find((o) => o.items.some((i) => i.sku === item.sku));
    if (other) {
      evidence.push({
        orderItemId: item.id,
        sku: item.sku,
        other: { orderId: other.id, number: other.number, source: other.source, placedAt: other.placedAt },
      });
    }
  }
  return evidence;
}
