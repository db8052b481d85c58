import "server-only";
import { ENC } from "@/lib/crypto/contexts";
import { db, type TTx } from "@/lib/db";
import { encrypt, encryptOptional } from "@/lib/crypto/encryption";
import { emailIndex } from "@/lib/crypto/blind-index";
import { newId } from "@/lib/crypto/tokens";
import { recordAuditEvent, type TAuditEvent } from "@/lib/audit/record-audit-event";
import type { TActor } from "@/lib/auth/types";
import type { TOrderPayload, TOrderStatus } from "@/lib/orders/schemas";
import { addressJson, findOrCreateCustomer } from "@/lib/orders/find-or-create-customer";
import { orderNumberKey } from "@/lib/orders/order-number";
import { syncOrderItems, type TExistingItem, type TItemChanges } from "@/lib/orders/sync-order-items";
import { log } from "@/lib/log";

export interface TIngestResult {
  result: "created" | "updated" | "unchanged";
  orderId: string;
  number: string;
}

const ATTEMPTS = 4;

// Deliveries can arrive out of order; an order never goes back from a refund to "paid".
const STATUS_RANK: Record<TOrderStatus, number> = {
  paid: 0,
  partially_refunded: 1,
  refunded: 2,
  cancelled: 2,
  chargeback: 2,
};

export interface TIngestOptions {
  /**
   * When the sender says this state was true (the order webhook's signed timestamp). The newest one
   * applied is kept per order; a delivery older than it — a replay within the signature's 5
   * minutes, or one overtaken on the way — changes nothing ("unchanged").
   */
  eventAt?: Date | undefined;
}

/**
 * Stores an order from a store (webhook, import, demo), idempotent on (source, externalId): the first
 * delivery creates it, a repeat changes nothing, a later one updates status, items and keys and
 * revokes what it refunds. One transaction; two identical deliveries racing each other end as one
 * order (the loser of the unique constraint retries as an update). The billing snapshot (e-mail,
 * name, phone, address) is taken from the first delivery only, so agent corrections survive replays.
 */
export async function ingestOrder(
  payload: TOrderPayload,
  actor: TActor,
  options: TIngestOptions = {},
): Promise<TIngestResult> {
  return inIntakeTransaction((tx) => ingestInTransaction(tx, payload, actor, undefined, undefined, options), 30_000);
}

/**
 * Runs an intake in a transaction, again (up to 4 times) when it loses a unique-constraint race to
 * a concurrent delivery of the same order: the next attempt then reads that order as stored.
 */
export async function inIntakeTransaction<T>(work: (tx: TTx) => Promise<T>, timeout: number): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db().$transaction(work, { maxWait: 15_000, timeout });
    } catch (error) {
      if (attempt >= ATTEMPTS || !isUniqueViolation(error)) throw error;
    }
  }
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && error.code === "P2002";
}

/** A new order's columns, the billing snapshot encrypted (`emailHash`: the address's blind index). */
export function newOrderColumns(id: string, payload: TOrderPayload, customerId: string, emailHash: string) {
  const { email, name, phone, address } = payload.customer;
  return {
    id,
    source: payload.source,
    externalId: payload.externalId,
    number: payload.number,
    numberKey: orderNumberKey(payload.number),
    placedAt: new Date(payload.placedAt),
    currency: payload.currency,
    status: payload.status,
    totalAmount: payload.items.reduce((sum, item) => sum + item.quantity * item.unitAmount, 0),
    customerId,
    emailHash,
    emailEnc: encrypt(email, ENC.orderEmail),
    billingNameEnc: encrypt(name, ENC.orderBillingName),
    billingPhoneEnc: encryptOptional(phone, ENC.orderBillingPhone),
    billingAddrEnc: encryptOptional(addressJson(address), ENC.orderBillingAddress),
  };
}

/** What the intake reads of a stored order to decide between "updated" and "unchanged". */
export const EXISTING_ORDER_SELECT = {
  id: true,
  number: true,
  placedAt: true,
  currency: true,
  status: true,
  totalAmount: true,
  customerId: true,
  lastEventAt: true,
  items: {
    select: {
      id: true,
      position: true,
      sku: true,
      name: true,
      quantity: true,
      unitAmount: true,
      status: true,
      productId: true,
      keys: { select: { keyHash: true } },
    },
  },
} as const;

export type TExistingOrder = {
  id: string;
  number: string;
  placedAt: Date;
  currency: string;
  status: TOrderStatus;
  totalAmount: number;
  customerId: string;
  lastEventAt: Date | null;
  items: TExistingItem[];
};

/**
 * The intake inside a transaction the caller owns (store connectors record the delivery in the same
 * one). No retry here: the caller retries the whole transaction on a unique violation. A batch
 * caller (the import) passes the stored order it already read (`existing`, null when new) and its
 * sku → product id cache.
 */
export async function ingestInTransaction(
  tx: TTx,
  payload: TOrderPayload,
  actor: TActor,
  prefetched?: TExistingOrder | null,
  products?: Map<string, string>,
  options: TIngestOptions = {},
): Promise<TIngestResult> {
  const { eventAt } = options;
  const now = new Date();
  const placedAt = new Date(payload.placedAt);
  const totalAmount = payload.items.reduce((sum, item) => sum + item.quantity * item.unitAmount, 0);
  const existing =
    prefetched !== undefined
      ? prefetched
      : await tx.order.findUnique({
          where: { source_externalId: { source: payload.source, externalId: payload.externalId } },
          select: EXISTING_ORDER_SELECT,
        });

  if (!existing) {
    const customer = await findOrCreateCustomer(tx, payload.customer, placedAt);
    const orderId = newId();
    await tx.order.create({
      data: {
        ...newOrderColumns(orderId, payload, customer.id, emailIndex(payload.customer.email)),
        lastEventAt: eventAt ?? null,
      },
    });
    const changes = await syncOrderItems(tx, {
      orderId,
      status: payload.status,
      items: payload.items,
      existing: [],
      now,
      products,
    });
    await audit(tx, actor, "order.created", orderId, customer.id, payload, changes);
    return { result: "created", orderId, number: payload.number };
  }

  if (eventAt && existing.lastEventAt && eventAt < existing.lastEventAt) {
    log.info("order delivery older than the last one applied, ignored", { orderId: existing.id });
    return { result: "unchanged", orderId: existing.id, number: existing.number };
  }
  if (eventAt && (!existing.lastEventAt || eventAt > existing.lastEventAt)) {
    await tx.order.update({ where: { id: existing.id }, data: { lastEventAt: eventAt } });
  }

  const status = STATUS_RANK[payload.status] >= STATUS_RANK[existing.status] ? payload.status : existing.status;
  const fields = { number: payload.number, currency: payload.currency, status, totalAmount };
  const orderChanged =
    (Object.keys(fields) as (keyof typeof fields)[]).some((k) => existing[k] !== fields[k]) ||
    existing.placedAt.getTime() !== placedAt.getTime();
  if (orderChanged) {
    await tx.order.update({
      where: { id: existing.id },
      data: { ...fields, numberKey: orderNumberKey(fields.number), placedAt },
    });
  }
  const changes = await syncOrderItems(tx, {
    orderId: existing.id,
    status,
    items: payload.items,
    existing: existing.items,
    now,
    products,
  });
  if (!orderChanged && !changes.changed) return { result: "unchanged", orderId: existing.id, number: existing.number };
  await audit(tx, actor, "order.updated", existing.id, existing.customerId, { ...payload, status }, changes);
  return { result: "updated", orderId: existing.id, number: payload.number };
}

async function audit(
  tx: TTx,
  actor: TActor,
  action: string,
  orderId: string,
  customerId: string,
  payload: TOrderPayload,
  changes: TItemChanges,
): Promise<void> {
  await recordAuditEvent(orderAuditEvent(actor, action, orderId, customerId, payload, changes), tx);
}

/** The audit event of an order created or updated by the intake (ids and counts only). */
export function orderAuditEvent(
  actor: TActor,
  action: string,
  orderId: string,
  customerId: string,
  payload: TOrderPayload,
  changes: Omit<TItemChanges, "changed">,
): TAuditEvent {
  return {
    actorType: actor.type,
    actorId: actor.type === "agent" ? actor.agent.agentId : null,
    ip: actor.type === "agent" ? actor.ip : null,
    userAgent: actor.type === "agent" ? actor.userAgent : null,
    action,
    targetType: "order",
    targetId: orderId,
    customerId,
    metadata: {
      via: actor.type === "system" ? actor.label : "agent",
      status: payload.status,
      items: payload.items.length,
      itemsCreated: changes.itemsCreated,
      keysAdded: changes.keysAdded,
      keysRevoked: changes.keysRevoked,
      grantsRevoked: changes.grantsRevoked,
    },
  };
}
