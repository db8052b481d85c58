import "server-only";

/** Why an order item has no downloads (null: it has them). */
export type TUnavailableReason = "item_refunded" | "order_refunded" | "keys_revoked";

/** Order statuses under which nothing of the order may be downloaded any more. */
const ORDER_TAKEN_BACK = new Set(["refunded", "cancelled", "chargeback"]);

export interface TItemState {
  status: string;
  order: { status: string };
  keys: { status: string }[];
}

/**
 * Whether an item's files may be downloaded: not when the order was refunded, cancelled or charged
 * back, not when the item was refunded, and not when it had licence keys and every one of them is
 * revoked. An item sold without keys (a download-only product) keeps its downloads.
 */
export function unavailableReasonOf(item: TItemState): TUnavailableReason | null {
  if (ORDER_TAKEN_BACK.has(item.order.status)) return "order_refunded";
  if (item.status === "refunded") return "item_refunded";
  if (item.keys.length > 0 && item.keys.every((key) => key.status === "revoked")) return "keys_revoked";
  return null;
}

/** The select clause that loads what `unavailableReasonOf` needs. */
export const ITEM_STATE_SELECT = {
  status: true,
  order: { select: { status: true } },
  keys: { select: { status: true } },
} as const;
