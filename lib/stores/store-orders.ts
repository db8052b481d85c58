import "server-only";
import { z } from "zod";
import type { TTx } from "@/lib/db";

// The link between a provider's order and the Keydesk order it became, with the provider's line ids
// by item position (refunds and licence keys by line find their item through them).

export interface TStoreOrderItem {
  id: string;
  position: number;
  sku: string;
  quantity: number;
  status: "paid" | "refunded";
  keys: { keyHash: string }[];
}

export interface TStoreOrderView {
  id: string;
  customerId: string;
  status: "paid" | "refunded" | "partially_refunded" | "cancelled" | "chargeback";
  totalAmount: number;
  items: TStoreOrderItem[];
  lineRefs: string[];
}

const ZLineRefs = z.array(z.string()).catch([]);

/** The order a store's `externalId` became, or null when it has not arrived yet. */
export async function findStoreOrder(
  tx: TTx,
  store: { id: string; name: string },
  externalId: string,
): Promise<TStoreOrderView | null> {
  const order = await tx.order.findUnique({
    where: { source_externalId: { source: store.name, externalId } },
    select: {
      id: true,
      customerId: true,
      status: true,
      totalAmount: true,
      items: {
        orderBy: { position: "asc" },
        select: {
          id: true,
          position: true,
          sku: true,
          quantity: true,
          status: true,
          keys: { select: { keyHash: true } },
        },
      },
    },
  });
  if (!order) return null;
  const link = await tx.storeOrder.findUnique({
    where: { storeId_externalId: { storeId: store.id, externalId } },
    select: { lineRefs: true },
  });
  return { ...order, lineRefs: ZLineRefs.parse(link?.lineRefs ?? []) };
}

/** The item a provider's line id (or, for providers without line ids, SKU) names, or null. */
export function itemForLine(order: TStoreOrderView, ref: string): TStoreOrderItem | null {
  const position = order.lineRefs.indexOf(ref);
  if (position >= 0) return order.items.find((item) => item.position === position) ?? null;
  const bySku = order.items.filter((item) => item.sku === ref);
  return bySku.length === 1 ? (bySku[0] ?? null) : null;
}

/** Remembers the provider's line ids of an order (a later delivery with lines replaces them). */
export async function linkStoreOrder(
  tx: TTx,
  args: { storeId: string; externalId: string; orderId: string; lineRefs: string[] },
): Promise<void> {
  const where = { storeId_externalId: { storeId: args.storeId, externalId: args.externalId } };
  const existing = await tx.storeOrder.findUnique({ where, select: { orderId: true } });
  if (!existing) {
    await tx.storeOrder.create({ data: { ...args } });
  } else if (args.lineRefs.length > 0) {
    await tx.storeOrder.update({ where, data: { lineRefs: args.lineRefs } });
  }
}
