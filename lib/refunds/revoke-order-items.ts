import "server-only";
import { ENC } from "@/lib/crypto/contexts";
import type { TTx } from "@/lib/db";
import { encrypt } from "@/lib/crypto/encryption";

export interface TRevocation {
  keysRevoked: number;
  grantsRevoked: number;
  /** Pending refund requests closed because the store refunded their items itself. */
  requestsClosed: number;
}

/** Note stored (encrypted) on a request the store's own refund settled; the buyer sees it. */
export const STORE_REFUND_NOTE = "The store has already refunded these items.";

/**
 * Takes order items back: their active licence keys are revoked with `reason` and their live
 * download grants end (other items of the order are untouched). Used by the order intake when a
 * delivery refunds items and by an approved refund. Pending refund requests for these items (except
 * `exceptRefundId`, the one being approved) are closed as approved by the system — the items are
 * refunded already — so nothing is revoked or refunded twice.
 */
export async function revokeOrderItems(
  tx: TTx,
  args: { itemIds: string[]; now: Date; reason: string; exceptRefundId?: string },
): Promise<TRevocation> {
  if (args.itemIds.length === 0) return { keysRevoked: 0, grantsRevoked: 0, requestsClosed: 0 };
  const keys = await tx.licenseKey.updateMany({
    where: { orderItemId: { in: args.itemIds }, status: "active" },
    data: { status: "revoked", revokedAt: args.now, revokedReason: args.reason },
  });
  const grants = await tx.downloadGrant.updateMany({
    where: { orderItemId: { in: args.itemIds }, revokedAt: null },
    data: { revokedAt: args.now },
  });
  const requestsClosed = await closePendingRequests(tx, args);
  return { keysRevoked: keys.count, grantsRevoked: grants.count, requestsClosed };
}

async function closePendingRequests(
  tx: TTx,
  args: { itemIds: string[]; now: Date; exceptRefundId?: string },
): Promise<number> {
  const pending = await tx.refundRequest.findMany({
    where: {
      status: "pending",
      items: { some: { orderItemId: { in: args.itemIds } } },
      ...(args.exceptRefundId ? { id: { not: args.exceptRefundId } } : {}),
    },
    select: { id: true, items: { select: { id: true, orderItemId: true, amount: true } } },
  });
  let closed = 0;
  for (const request of pending) {
    const covered = request.items.filter((item) => args.itemIds.includes(item.orderItemId));
    const done = await tx.refundRequest.updateMany({
      where: { id: request.id, status: "pending" },
      data: {
        status: "approved",
        decidedById: null,
        decidedAt: args.now,
        decisionNoteEnc: encrypt(STORE_REFUND_NOTE, ENC.refundDecisionNote),
        approvedItems: covered.map((item) => item.orderItemId),
        amount: covered.reduce((sum, item) => sum + item.amount, 0),
        gatewayStatus: "by_store",
      },
    });
    if (done.count === 0) continue;
    closed += 1;
    // Items of the request the store did not refund can be asked for again.
    const rest = request.items.filter((item) => !args.itemIds.includes(item.orderItemId)).map((item) => item.id);
    if (rest.length > 0) await tx.refundItem.updateMany({ where: { id: { in: rest } }, data: { activeItemId: null } });
  }
  return closed;
}
