import "server-only";
import type { TTx } from "@/lib/db";
import { revokeOrderItems, type TRevocation } from "@/lib/refunds/revoke-order-items";
import { queueRefundWebhook } from "@/lib/refunds/gateway/refund-webhook-message";
import type { TRefundPolicy } from "@/lib/settings/refund-settings";

/**
 * The effects of an approved refund, inside the approval's transaction: the refunded items' keys
 * are revoked and their download grants end (the order's other items keep theirs), the items become
 * "refunded", the order "refunded" or "partially_refunded", and the gateway step is queued. Returns
 * the gateway status to store on the request.
 */
export async function applyRefund(
  tx: TTx,
  args: { refundId: string; orderId: string; itemIds: string[]; now: Date; settings: TRefundPolicy },
): Promise<{
  gatewayStatus: "awaiting_refund" | "queued";
  revocation: TRevocation;
  orderStatus: "refunded" | "partially_refunded";
}> {
  const revocation = await revokeOrderItems(tx, {
    itemIds: args.itemIds,
    now: args.now,
    reason: "refunded",
    exceptRefundId: args.refundId,
  });
  await tx.orderItem.updateMany({
    where: { id: { in: args.itemIds }, orderId: args.orderId },
    data: { status: "refunded" },
  });
  const order = await tx.order.findUniqueOrThrow({
    where: { id: args.orderId },
    select: {
      number: true,
      source: true,
      externalId: true,
      currency: true,
      items: { select: { id: true, sku: true, name: true, quantity: true, unitAmount: true, status: true } },
    },
  });
  const orderStatus = order.items.every((item) => item.status === "refunded") ? "refunded" : "partially_refunded";
  await tx.order.update({ where: { id: args.orderId }, data: { status: orderStatus } });

  if (args.settings.gateway !== "webhook") return { gatewayStatus: "awaiting_refund", revocation, orderStatus };
  const refunded = order.items.filter((item) => args.itemIds.includes(item.id));
  await queueRefundWebhook(tx, {
    refundId: args.refundId,
    orderNumber: order.number,
    source: order.source,
    externalId: order.externalId,
    amount: refunded.reduce((sum, item) => sum + item.quantity * item.unitAmount, 0),
    currency: order.currency,
    items: refunded.map((item) => ({
      sku: item.sku,
      name: item.name,
      quantity: item.quantity,
      amount: item.quantity * item.unitAmount,
    })),
  });
  return { gatewayStatus: "queued", revocation, orderStatus };
}
