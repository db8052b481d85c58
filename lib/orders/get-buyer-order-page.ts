import "server-only";
import type { TBuyerSession } from "@/lib/auth/types";
import { listOrderDownloads, type TItemDownloads } from "@/lib/downloads/list-order-downloads";
import { getRefundPanel, type TRefundPanel } from "@/lib/refunds/get-refund-panel";
import { getBuyerOrder, type TBuyerOrderDetail } from "@/lib/orders/get-buyer-order";
import type { TBuyerOrderLookup } from "@/lib/orders/schemas";

/** Everything the buyer's order page shows. */
export interface TBuyerOrderPage {
  /** The order with its items, masked licence keys and the buyer's other orders of that number. */
  order: TBuyerOrderDetail;
  /** Per item (in item order): its files, or why it has none any more. */
  downloads: TItemDownloads[];
  /** What the refund panel shows: refundable items, refund window, the buyer's refund requests. */
  refunds: TRefundPanel;
}

/**
 * `getBuyerOrderPage(actor, { number, source?, orderId? })`: the whole order page of the signed-in
 * buyer in one call. Ownership is checked once, by loading the order with the buyer as owner
 * (another buyer's order is "not found", like a missing one); the downloads are then read for that
 * order. The refund panel comes from the refunds domain, which checks the owner in its own query.
 * A pure read: it records nothing.
 */
export async function getBuyerOrderPage(actor: TBuyerSession, input: TBuyerOrderLookup): Promise<TBuyerOrderPage> {
  const order = await getBuyerOrder(actor, input);
  const [downloads, refunds] = await Promise.all([
    listOrderDownloads(order),
    getRefundPanel(actor, { orderId: order.id }),
  ]);
  return { order, downloads, refunds };
}
