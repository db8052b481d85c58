import "server-only";
import { ENC } from "@/lib/crypto/contexts";
import type { TTx } from "@/lib/db";
import { bulkInsert, type TColumnType } from "@/lib/db/bulk-insert";
import { encrypt } from "@/lib/crypto/encryption";
import { emailIndex, licenseKeyIndex } from "@/lib/crypto/blind-index";
import { newId } from "@/lib/crypto/tokens";
import { auditEventRow } from "@/lib/audit/audit-event-row";
import type { TActor } from "@/lib/auth/types";
import type { TOrderPayload } from "@/lib/orders/schemas";
import { addressJson, newCustomerColumns } from "@/lib/orders/find-or-create-customer";
import { revocationReason, WHOLE_ORDER_REVOKED } from "@/lib/orders/sync-order-items";
import {
  EXISTING_ORDER_SELECT,
  ingestInTransaction,
  newOrderColumns,
  inIntakeTransaction,
  orderAuditEvent,
  type TExistingOrder,
  type TIngestResult,
} from "@/lib/orders/ingest-order";

/**
 * Stores many orders in ONE transaction with a handful of multi-row statements, with exactly the
 * outcome `ingestOrder` gives them one after another: idempotent on (source, externalId) — a stored
 * order goes through the usual update path, a repeat changes nothing —, new customers created with
 * the details of their first order and existing ones only filled in where empty, keys encrypted and
 * blind-indexed, one audit event per created order. Used by `orders:import`, where per-row
 * statements made the import 20× slower. A unique violation (a webhook storing one of the orders at
 * the same moment) retries the whole batch, which then sees that order as stored.
 */
export async function ingestOrderBatch(payloads: TOrderPayload[], actor: TActor): Promise<TIngestResult[]> {
  return inIntakeTransaction((tx) => ingestBatchInTransaction(tx, payloads, actor), 120_000);
}

const keyOf = (p: { source: string; externalId: string }) => `${p.source}\u0000${p.externalId}`;

async function ingestBatchInTransaction(tx: TTx, payloads: TOrderPayload[], actor: TActor): Promise<TIngestResult[]> {
  const products = new Map<string, string>();
  const stored = await findStoredOrders(tx, payloads);
  const results: TIngestResult[] = new Array<TIngestResult>(payloads.length);
  const fresh: { index: number; payload: TOrderPayload }[] = [];
  const seen = new Set<string>();

  const flush = async () => {
    const created = await createOrders(tx, fresh, actor, products);
    fresh.forEach(({ index }, i) => (results[index] = created[i] as TIngestResult));
    fresh.length = 0;
  };

  for (const [index, payload] of payloads.entries()) {
    const key = keyOf(payload);
    if (seen.has(key)) {
      // The same order again in one batch: store what came before, then read it back as usual.
      await flush();
      results[index] = await ingestInTransaction(tx, payload, actor, undefined, products);
      continue;
    }
    seen.add(key);
    const existing = stored.get(key);
    if (existing) results[index] = await ingestInTransaction(tx, payload, actor, existing, products);
    else fresh.push({ index, payload });
  }
  await flush();
  return results;
}

/** The stored orders among the batch's (source, externalId) pairs, in one query per source. */
async function findStoredOrders(tx: TTx, payloads: TOrderPayload[]): Promise<Map<string, TExistingOrder>> {
  const bySource = new Map<string, string[]>();
  for (const p of payloads) bySource.set(p.source, [...(bySource.get(p.source) ?? []), p.externalId]);
  const stored = new Map<string, TExistingOrder>();
  for (const [source, externalIds] of bySource) {
    const rows = await tx.order.findMany({
      where: { source, externalId: { in: [...new Set(externalIds)] } },
      select: { ...EXISTING_ORDER_SELECT, source: true, externalId: true },
    });
    for (const row of rows) stored.set(keyOf(row), row);
  }
  return stored;
}

// The columns the batch writes (every one, defaults included: see bulkInsert).
const CUSTOMER_COLUMNS: Record<string, TColumnType> = {
  id: "text",
  emailHash: "text",
  emailEnc: "text",
  nameEnc: "text",
  phoneEnc: "text",
  addressEnc: "text",
  newsletter: "bool",
  newsletterAt: "date",
  createdAt: "date",
  updatedAt: "date",
};
const ORDER_COLUMNS: Record<string, TColumnType> = {
  id: "text",
  source: "text",
  externalId: "text",
  number: "text",
  numberKey: "text",
  placedAt: "date",
  currency: "text",
  status: { enum: "OrderStatus" },
  totalAmount: "int",
  customerId: "text",
  emailHash: "text",
  emailEnc: "text",
  billingNameEnc: "text",
  billingPhoneEnc: "text",
  billingAddrEnc: "text",
  createdAt: "date",
  updatedAt: "date",
};
const ITEM_COLUMNS: Record<string, TColumnType> = {
  id: "text",
  orderId: "text",
  productId: "text",
  position: "int",
  sku: "text",
  name: "text",
  quantity: "int",
  unitAmount: "int",
  status: { enum: "ItemStatus" },
};
const KEY_COLUMNS: Record<string, TColumnType> = {
  id: "text",
  orderItemId: "text",
  keyHash: "text",
  keyEnc: "text",
  position: "int",
  status: { enum: "LicenseKeyStatus" },
  revokedAt: "date",
  revokedReason: "text",
  createdAt: "date",
};
const AUDIT_COLUMNS: Record<string, TColumnType> = {
  id: "text",
  at: "date",
  actorType: { enum: "ActorType" },
  actorId: "text",
  action: "text",
  targetType: "text",
  targetId: "text",
  customerId: "text",
  ipEnc: "text",
  userAgent: "text",
  metadata: "json",
};

interface TCustomerState {
  id: string;
  /** Columns of a customer created by this batch (written with createMany). */
  create?: {
    id: string;
    emailHash: string;
    emailEnc: string;
    nameEnc: string;
    phoneEnc: string | null;
    addressEnc: string | null;
    newsletter: boolean;
    newsletterAt: Date | null;
  };
  /** Changes to a stored customer (filled-in fields, a newer newsletter choice). */
  update: { nameEnc?: string; phoneEnc?: string; addressEnc?: string; newsletter?: boolean; newsletterAt?: Date };
  hasName: boolean;
  hasPhone: boolean;
  hasAddress: boolean;
  newsletter: boolean;
  newsletterAt: Date | null;
}

/**
 * Creates orders that are not stored yet: customers (found by blind index or created), products,
 * orders, items, keys and audit events, each kind with one multi-row INSERT. The customer rules are
 * `findOrCreateCustomer`'s, applied in file order in memory.
 */
async function createOrders(
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

async function customerStates(tx: TTx, emailHashes: string[]): Promise<Map<string, TCustomerState>> {
  const rows = await tx.customer.findMany({
    where: { emailHash: { in: emailHashes } },
    select: {
      id: true,
      emailHash: true,
      nameEnc: true,
      phoneEnc: true,
      addressEnc: true,
      newsletter: true,
      newsletterAt: true,
    },
  });
  return new Map(
    rows.map((row) => [
      row.emailHash,
      {
        id: row.id,
        update: {},
        hasName: Boolean(row.nameEnc),
        hasPhone: Boolean(row.phoneEnc),
        hasAddress: Boolean(row.addressEnc),
        newsletter: row.newsletter,
        newsletterAt: row.newsletterAt,
      },
    ]),
  );
}

/** `findOrCreateCustomer` on the batch's in-memory view of its customers. */
function applyCustomer(
  customers: Map<string, TCustomerState>,
  emailHash: string,
  input: TOrderPayload["customer"],
  placedAt: Date,
): TCustomerState {
  const address = addressJson(input.address);
  const current = customers.get(emailHash);
  if (!current) {
    const create = newCustomerColumns(emailHash, input, placedAt);
    const id = create.id;
    const state: TCustomerState = {
      id,
      create,
      update: {},
      hasName: true,
      hasPhone: create.phoneEnc !== null,
      hasAddress: create.addressEnc !== null,
      newsletter: create.newsletter,
      newsletterAt: create.newsletterAt,
    };
    customers.set(emailHash, state);
    return state;
  }
  const target: Partial<Omit<NonNullable<TCustomerState["create"]>, "id">> = current.create ?? current.update;
  if (!current.hasName) {
    target.nameEnc = encrypt(input.name, ENC.customerName);
    current.hasName = true;
  }
  if (!current.hasPhone && input.phone) {
    target.phoneEnc = encrypt(input.phone, ENC.customerPhone);
    current.hasPhone = true;
  }
  if (!current.hasAddress && address) {
    target.addressEnc = encrypt(address, ENC.customerAddress);
    current.hasAddress = true;
  }
  const newerChoice = !current.newsletterAt || current.newsletterAt < placedAt;
  if (input.newsletter !== undefined && newerChoice && input.newsletter !== current.newsletter) {
    target.newsletter = current.newsletter = input.newsletter;
    target.newsletterAt = current.newsletterAt = placedAt;
  }
  return current;
}

/** Fills `products` (sku → id) for every sku of the batch, creating unknown products once. */
async function ensureProducts(tx: TTx, fresh: { payload: TOrderPayload }[], products: Map<string, string>) {
  const names = new Map<string, string>();
  for (const { payload } of fresh)
    for (const item of payload.items)
      if (!products.has(item.sku) && !names.has(item.sku)) names.set(item.sku, item.name);
  if (names.size === 0) return;
  const found = await tx.product.findMany({
    where: { sku: { in: [...names.keys()] } },
    select: { id: true, sku: true },
  });
  for (const row of found) products.set(row.sku, row.id);
  // Default refund window, download lifetime and limit come from the schema; admins adjust them.
  const missing = [...names].filter(([sku]) => !products.has(sku)).map(([sku, name]) => ({ id: newId(), sku, name }));
  if (missing.length > 0) await tx.product.createMany({ data: missing });
  for (const row of missing) products.set(row.sku, row.id);
}
