import "server-only";
import { ENC } from "@/lib/crypto/contexts";
import type { TTx } from "@/lib/db";
import { encrypt } from "@/lib/crypto/encryption";
import { licenseKeyIndex } from "@/lib/crypto/blind-index";
import { newId } from "@/lib/crypto/tokens";
import type { TOrderPayload, TOrderStatus } from "@/lib/orders/schemas";
import { revokeOrderItems } from "@/lib/refunds/revoke-order-items";

/** Order statuses that take back every item of the order. */
export const WHOLE_ORDER_REVOKED: readonly TOrderStatus[] = ["refunded", "cancelled", "chargeback"];

export interface TExistingItem {
  id: string;
  position: number;
  sku: string;
  name: string;
  quantity: number;
  unitAmount: number;
  status: "paid" | "refunded";
  productId: string;
  keys: { keyHash: string }[];
}

export interface TItemChanges {
  changed: boolean;
  itemsCreated: number;
  keysAdded: number;
  keysRevoked: number;
  grantsRevoked: number;
}

/** Why keys of a taken-back item are revoked (stored in `LicenseKey.revokedReason`). */
export function revocationReason(status: TOrderStatus): string {
  if (status === "chargeback") return "chargeback";
  if (status === "cancelled") return "cancelled";
  return "refunded";
}

/**
 * Brings an order's items in line with a delivery: items are matched by position, new licence keys
 * are added (a key already on the item is never duplicated, none is ever deleted), and every item
 * the delivery refunds — or all of them for a refunded, cancelled or charged-back order — loses its
 * keys and download grants. A refunded item never becomes paid again (deliveries can arrive late).
 */
export async function syncOrderItems(
  tx: TTx,
  args: {
    orderId: string;
    status: TOrderStatus;
    items: TOrderPayload["items"];
    existing: TExistingItem[];
    now: Date;
    /** sku → product id, shared across the orders of one transaction (filled in here). */
    products?: Map<string, string>;
  },
): Promise<TItemChanges> {
  const changes: TItemChanges = { changed: false, itemsCreated: 0, keysAdded: 0, keysRevoked: 0, grantsRevoked: 0 };
  const reason = revocationReason(args.status);
  const products = args.products ?? new Map<string, string>();
  const takenBack: string[] = [];

  for (const [position, item] of args.items.entries()) {
    const current = args.existing.find((e) => e.position === position);
    const refunded =
      current?.status === "refunded" || item.status === "refunded" || WHOLE_ORDER_REVOKED.includes(args.status);
    const status = refunded ? ("refunded" as const) : ("paid" as const);
    const productId = products.get(item.sku) ?? (await findOrCreateProduct(tx, item.sku, item.name));
    products.set(item.sku, productId);
    const fields = {
      productId,
      sku: item.sku,
      name: item.name,
      quantity: item.quantity,
      unitAmount: item.unitAmount,
      status,
    };

    let itemId: string;
    if (!current) {
      itemId = newId();
      await tx.orderItem.create({ data: { id: itemId, orderId: args.orderId, position, ...fields } });
      changes.itemsCreated += 1;
      changes.changed = true;
    } else {
      itemId = current.id;
      const differs = (Object.keys(fields) as (keyof typeof fields)[]).some((k) => current[k] !== fields[k]);
      if (differs) {
        await tx.orderItem.update({ where: { id: itemId }, data: fields });
        changes.changed = true;
      }
    }

    const known = new Set(current?.keys.map((k) => k.keyHash) ?? []);
    for (const value of item.licenseKeys) {
      const keyHash = licenseKeyIndex(value);
      if (known.has(keyHash)) continue;
      // Keys keep the order the store delivered them in: createdAt ties within one delivery.
      const position = known.size;
      known.add(keyHash);
      await tx.licenseKey.create({
        data: {
          id: newId(),
          orderItemId: itemId,
          keyHash,
          position,
          keyEnc: encrypt(value, ENC.licenseKeyValue),
          ...(refunded ? { status: "revoked" as const, revokedAt: args.now, revokedReason: reason } : {}),
        },
      });
      changes.keysAdded += 1;
      changes.changed = true;
    }
    if (refunded) takenBack.push(itemId);
  }

  if (takenBack.length > 0) {
    const revoked = await revokeOrderItems(tx, { itemIds: takenBack, now: args.now, reason });
    changes.keysRevoked = revoked.keysRevoked;
    changes.grantsRevoked = revoked.grantsRevoked;
    if (revoked.keysRevoked > 0 || revoked.grantsRevoked > 0 || revoked.requestsClosed > 0) changes.changed = true;
  }
  return changes;
}

export async function findOrCreateProduct(tx: TTx, sku: string, name: string): Promise<string> {
  const product = await tx.product.findUnique({ where: { sku }, select: { id: true } });
  if (product) return product.id;
  const id = newId();
  // Default refund window, download lifetime and limit come from the schema; admins adjust them.
  await tx.product.create({ data: { id, sku, name } });
  return id;
}
