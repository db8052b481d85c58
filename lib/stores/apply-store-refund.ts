import "server-only";
import type { TTx } from "@/lib/db";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { revokeOrderItems } from "@/lib/refunds/revoke-order-items";
import { StoreChangeError } from "@/lib/stores/store-change-error";
import { itemForLine, type TStoreOrderView } from "@/lib/stores/store-orders";
import type { TStoreChange } from "@/lib/stores/types";

type TRefundChange = Extract<TStoreChange, { kind: "refund" | "chargeback" }>;

export interface TRefundOutcome {
  changed: boolean;
  /** Refunded lines Keydesk could not match to an item, or refunded only in part: nothing revoked for them. */
  notes: string[];
}

/**
 * Takes back what a store refunded, exactly: a full refund or a chargeback takes every item; a
 * refund by line takes the lines it names (wholly refunded ones; a line refunded for fewer units
 * than bought keeps its keys, as no one can tell which keys were paid back); a partial refund by
 * amount alone names no line and revokes nothing, the order is then marked partially refunded.
 * Keys and downloads go through the same revocation as the order intake's refunded items.
 */
export async function applyStoreRefund(
  tx: TTx,
  store: { id: string; name: string },
  order: TStoreOrderView,
  change: TRefundChange,
  now: Date,
): Promise<TRefundOutcome> {
  const notes: string[] = [];
  const lines = change.kind === "refund" ? (change.lines ?? []) : [];
  const whole =
    change.kind === "chargeback" ||
    change.full ||
    // By amount only when no line is named: line amounts may include tax the items' prices do not.
    (change.kind === "refund" &&
      lines.length === 0 &&
      order.totalAmount > 0 &&
      Math.max(change.amount ?? 0, change.refundedTotal ?? 0) >= order.totalAmount);
  const taken = new Set<string>();
  let unmatched = 0;
  if (whole) {
    for (const item of order.items) taken.add(item.id);
  } else {
    for (const line of lines) {
      const item = itemForLine(order, line.ref);
      if (!item) {
        unmatched += 1;
        notes.push(`line ${line.ref} matches no item of the order`);
      } else if (line.quantity !== undefined && line.quantity < item.quantity) {
        notes.push(`line ${line.ref} refunded for ${line.quantity} of ${item.quantity} units: its keys stay`);
      } else taken.add(item.id);
    }
  }
  // A refund whose every line is unknown is a mapping problem to look at, not a silent no-op.
  if (lines.length > 0 && unmatched === lines.length) throw new StoreChangeError(`Refund: ${notes.join("; ")}`);

  const newlyRefunded = order.items.filter((item) => taken.has(item.id) && item.status !== "refunded").map((i) => i.id);
  if (newlyRefunded.length > 0) {
    await tx.orderItem.updateMany({ where: { id: { in: newlyRefunded } }, data: { status: "refunded" } });
  }
  const reason = change.kind === "chargeback" ? "chargeback" : "refunded";
  const revoked = await revokeOrderItems(tx, { itemIds: [...taken], now, reason });

  const allRefunded = order.items.every((item) => taken.has(item.id) || item.status === "refunded");
  const status = change.kind === "chargeback" ? "chargeback" : allRefunded ? "refunded" : "partially_refunded";
  // An order never goes back from a chargeback or a full refund (deliveries arrive out of order).
  const final =
    order.status === "chargeback" || (order.status === "refunded" && status !== "chargeback") ? order.status : status;
  const statusChanged = final !== order.status;
  if (statusChanged) await tx.order.update({ where: { id: order.id }, data: { status: final } });

  const changed = statusChanged || newlyRefunded.length > 0 || revoked.keysRevoked > 0 || revoked.grantsRevoked > 0;
  if (changed) {
    await recordAuditEvent(
      {
        actorType: "system",
        action: "order.updated",
        targetType: "order",
        targetId: order.id,
        customerId: order.customerId,
        metadata: {
          via: `store:${store.name}`,
          status: final,
          itemsRefunded: newlyRefunded.length,
          keysRevoked: revoked.keysRevoked,
          grantsRevoked: revoked.grantsRevoked,
        },
      },
      tx,
    );
  }
  return { changed, notes };
}
