import "server-only";
import { ENC } from "@/lib/crypto/contexts";
import type { TTx } from "@/lib/db";
import { encrypt } from "@/lib/crypto/encryption";
import { licenseKeyIndex } from "@/lib/crypto/blind-index";
import { newId } from "@/lib/crypto/tokens";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { StoreChangeError } from "@/lib/stores/store-change-error";
import { itemForLine, type TStoreOrderView } from "@/lib/stores/store-orders";

/**
 * Adds a licence key a store issued after the order (Lemon Squeezy's license_key_created, Polar's
 * benefit grants) to the item of its line. A key already on the item is not added twice; a key for
 * an item refunded meanwhile is stored revoked, as the order intake does.
 */
export async function attachLicenseKey(
  tx: TTx,
  store: { name: string },
  order: TStoreOrderView,
  change: { lineRef: string; key: string },
  now: Date,
): Promise<boolean> {
  const item = itemForLine(order, change.lineRef) ?? (order.items.length === 1 ? (order.items[0] ?? null) : null);
  if (!item) throw new StoreChangeError(`Licence key for line ${change.lineRef}, which matches no item of the order`);
  const keyHash = licenseKeyIndex(change.key);
  if (item.keys.some((k) => k.keyHash === keyHash)) return false;
  const refunded = item.status === "refunded";
  await tx.licenseKey.create({
    data: {
      id: newId(),
      orderItemId: item.id,
      keyHash,
      position: item.keys.length,
      keyEnc: encrypt(change.key, ENC.licenseKeyValue),
      ...(refunded ? { status: "revoked" as const, revokedAt: now, revokedReason: "refunded" } : {}),
    },
  });
  item.keys.push({ keyHash });
  await recordAuditEvent(
    {
      actorType: "system",
      action: "order.updated",
      targetType: "order",
      targetId: order.id,
      customerId: order.customerId,
      metadata: { via: `store:${store.name}`, keysAdded: 1 },
    },
    tx,
  );
  return true;
}
