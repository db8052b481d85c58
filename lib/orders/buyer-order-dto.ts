import "server-only";

/** What a buyer sees of an order in their list (select this, then map with `toBuyerOrderSummary`). */
export const BUYER_ORDER_SELECT = {
  id: true,
  number: true,
  source: true,
  placedAt: true,
  status: true,
  currency: true,
  totalAmount: true,
  items: {
    orderBy: { position: "asc" },
    select: { id: true, name: true, sku: true, quantity: true, unitAmount: true, status: true },
  },
  refunds: { where: { status: "pending" }, select: { id: true }, take: 1 },
} as const;

interface TSelectedOrder {
  id: string;
  number: string;
  source: string;
  placedAt: Date;
  status: string;
  currency: string;
  totalAmount: number;
  items: { id: string; name: string; sku: string; quantity: number; unitAmount: number; status: string }[];
  refunds: { id: string }[];
}

export interface TBuyerOrderItem {
  id: string;
  name: string;
  sku: string;
  quantity: number;
  unitAmount: number;
  status: string;
}

export interface TBuyerOrderSummary {
  id: string;
  number: string;
  source: string;
  placedAt: Date;
  /** The order's own status (paid, refunded, …). */
  status: string;
  /** True while a refund request for this order waits for a decision. */
  refundRequested: boolean;
  currency: string;
  totalAmount: number;
  items: TBuyerOrderItem[];
}

/** Picks the buyer-visible fields of an order, one by one (nothing else of the row leaks into the DTO). */
export function toBuyerOrderSummary(order: TSelectedOrder): TBuyerOrderSummary {
  const { id, number, source, placedAt, status, currency, totalAmount } = order;
  return {
    id,
    number,
    source,
    placedAt,
    status,
    refundRequested: order.refunds.length > 0,
    currency,
    totalAmount,
    items: order.items.map(({ id: itemId, name, sku, quantity, unitAmount, status: itemStatus }) => ({
      id: itemId,
      name,
      sku,
      quantity,
      unitAmount,
      status: itemStatus,
    })),
  };
}
