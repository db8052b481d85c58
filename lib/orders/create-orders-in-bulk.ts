import "server-only";
import { ENC } from "@/lib/crypto/contexts";
import type { TTx } from "@/lib/db";
import { bulkInsert } from "@/lib/db/bulk-insert";
import { encrypt } from "@/lib/crypto/encryption";
import { emailIndex, licenseKeyIndex } from "@/lib/crypto/blind-index";
import { newId } from "@/lib/crypto/tokens";
import { auditEventRow } from "@/lib/audit/audit-event-row";
import type { TActor } from "@/lib/auth/types";
import type { TOrderPayload } from "@/lib/orders/schemas";
import { revocationReason, WHOLE_ORDER_REVOKED } from "@/lib/orders/sync-order-items";
import { newOrderColumns, orderAuditEvent, type TIngestResult } from "@/lib/orders/ingest-order";
import { applyCustomer, customerStates } from "@/lib/orders/order-batch-customers";
import { ensureProducts } from "@/lib/orders/ensure-products";
import {
  AUDIT_COLUMNS,
  CUSTOMER_COLUMNS,
  ITEM_COLUMNS,
  KEY_COLUMNS,
  ORDER_COLUMNS,
} from "@/lib/orders/order-batch-columns";

/**
 * Creates orders that are not stored yet: customers (found by blind index or created), products,
 * orders, items, keys and audit events, each kind with one multi-row INSERT. The customer rules are
 * `findOrCreateCustomer`'s, applied in file order in memory.
 */
export async function createOrdersInBulk(
  tx: TTx,
  fresh: { payload: TOrderPayload }[],
  actor: TActor,
  products: Map<string, string>,
): Promise<TIngestResult[]> {
  if (fresh.length === 0) return [];
  const now = new Date();
  const hashes = fresh.map(({ payload }) => emailIndex(payload.customer.email));
  const customers = await customerStates(tx, [...new Set(hashes)]);
  await ensureProducts(tx, fresh, products);

  const orders: Record<string, unknown>[] = [];
  const items: Record<string, unknown>[] = [];
  const keys: Record<string, unknown>[] = [];
  const events: Record<string, unknown>[] = [];
  const results: TIngestResult[] = [];

  for (const [i, { payload }] of fresh.entries()) {
    const emailHash = hashes[i] as string;
    const placedAt = new Date(payload.placedAt);
    const customer = applyCustomer(customers, emailHash, payload.customer, placedAt);
    const orderId = newId();
    orders.push({ ...newOrderColumns(orderId, payload, customer.id, emailHash), createdAt: now, updatedAt: now });
    const reason = revocationReason(payload.status);
    let keysAdded = 0;
    for (const [position, item] of payload.items.entries()) {
      const refunded = item.status === "refunded" || WHOLE_ORDER_REVOKED.includes(payload.status);
      const itemId = newId();
      items.push({
        id: itemId,
        orderId,
        position,
        productId: products.get(item.sku),
        sku: item.sku,
        name: item.name,
        quantity: item.quantity,
        unitAmount: item.unitAmount,
        status: refunded ? "refunded" : "paid",
      });
      const known = new Set<string>();
      for (const value of item.licenseKeys) {
        const keyHash = licenseKeyIndex(value);
        if (known.has(keyHash)) continue;
        keys.push({
          id: newId(),
          orderItemId: itemId,
          keyHash,
          position: known.size,
          keyEnc: encrypt(value, ENC.licenseKeyValue),
          createdAt: now,
          status: refunded ? "revoked" : "active",
          revokedAt: refunded ? now : null,
          revokedReason: refunded ? reason : null,
        });
        known.add(keyHash);
        keysAdded += 1;
      }
    }
    const changes = { itemsCreated: payload.items.length, keysAdded, keysRevoked: 0, grantsRevoked: 0 };
    events.push({
      ...auditEventRow(orderAuditEvent(actor, "order.created", orderId, customer.id, payload, changes)),
      at: now,
    });
    results.push({ result: "created", orderId, number: payload.number });
  }

  const created = [...customers.values()].flatMap((c) =>
    c.create ? [{ ...c.create, createdAt: now, updatedAt: now }] : [],
  );
  await bulkInsert(tx, "Customer", CUSTOMER_COLUMNS, created);
  for (const customer of customers.values()) {
    if (!customer.create && Object.keys(customer.update).length > 0)
      await tx.customer.update({ where: { id: customer.id }, data: customer.update });
  }
  await bulkInsert(tx, "Order", ORDER_COLUMNS, orders);
  await bulkInsert(tx, "OrderItem", ITEM_COLUMNS, items);
  await bulkInsert(tx, "LicenseKey", KEY_COLUMNS, keys);
  await bulkInsert(tx, "AuditEvent", AUDIT_COLUMNS, events);
  return results;
}
