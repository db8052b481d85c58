import "server-only";
import type { TTx } from "@/lib/db";
import { ingestInTransaction } from "@/lib/orders/ingest-order";
import { parseOrderPayload, ZAddress } from "@/lib/orders/schemas";
import { applyStoreRefund } from "@/lib/stores/apply-store-refund";
import { attachLicenseKey } from "@/lib/stores/attach-license-key";
import { StoreChangeError } from "@/lib/stores/store-change-error";
import { completeStoreCustomer, rememberStoreCustomer, storedStoreCustomer } from "@/lib/stores/store-customers";
import { findStoreOrder, linkStoreOrder } from "@/lib/stores/store-orders";
import type { TStoreChange, TStoreCustomer, TStoreEvent } from "@/lib/stores/types";

// The one place where store changes meet the order intake: an order_paid becomes an `ingestOrder`
// payload (source = store name, externalId = provider order id) run inside the caller's
// transaction, so a change of the intake's signature touches this file only.

export type TStore = { id: string; name: string };

export interface TApplyResult {
  outcome: "applied" | "duplicate" | "ignored" | "waiting";
  reason?: string;
  /** "customer:<ref>" or "order:<externalId>" for a waiting event. */
  waitingFor?: string;
  orderId?: string;
  /** What this event made available: waiting events keyed so can run now. */
  released: string[];
}

/** Applies an event's changes in order inside `tx` — all of them, or (waiting, failing) none. */
export async function applyStoreChanges(tx: TTx, store: TStore, event: TStoreEvent, now: Date): Promise<TApplyResult> {
  if (event.changes.length === 0) {
    return { outcome: "ignored", reason: event.ignoredBecause ?? "Keydesk does not use this event", released: [] };
  }
  const blocker = await firstBlocker(tx, store, event.changes);
  if (blocker) return { outcome: "waiting", ...blocker, released: [] };

  let changed = false;
  let orderId: string | undefined;
  const notes: string[] = [];
  const released: string[] = [];
  for (const change of event.changes) {
    if (change.kind === "customer_details") {
      if (await rememberStoreCustomer(tx, store.id, change.customer)) changed = true;
      released.push(`customer:${change.customer.ref}`);
      continue;
    }
    if (change.kind === "order_paid") {
      const result = await upsertOrder(tx, store, change);
      changed ||= result.changed;
      orderId ??= result.orderId;
      released.push(`order:${change.externalId}`);
      continue;
    }
    const order = await findStoreOrder(tx, store, change.externalId);
    if (!order) throw new StoreChangeError(`Order ${change.externalId} is unknown`);
    orderId ??= order.id;
    if (change.kind === "license_key") {
      if (await attachLicenseKey(tx, store, order, change, now)) changed = true;
    } else {
      const refund = await applyStoreRefund(tx, store, order, change, now);
      changed ||= refund.changed;
      notes.push(...refund.notes);
    }
  }
  const reason = notes.length > 0 ? notes.join("; ") : undefined;
  if (changed) return { outcome: "applied", reason, orderId, released };
  return {
    outcome: "duplicate",
    reason: reason ?? "Nothing new: Keydesk already had everything this event says",
    orderId,
    released,
  };
}

/** Why the event cannot be applied yet: an order without its buyer's address, or a change to an order not received. */
async function firstBlocker(
  tx: TTx,
  store: TStore,
  changes: TStoreChange[],
): Promise<{ waitingFor: string; reason: string } | null> {
  const ordersHere = new Set<string>();
  const customersHere = new Map<string, TStoreCustomer>();
  for (const change of changes) {
    if (change.kind === "customer_details") customersHere.set(change.customer.ref, change.customer);
    if (change.kind === "order_paid") {
      ordersHere.add(change.externalId);
      if (change.customer.email) continue;
      const ref = change.customer.ref;
      if (!ref) throw new StoreChangeError("The order carries neither the buyer's e-mail address nor a customer id");
      const known = customersHere.get(ref) ?? (await storedStoreCustomer(tx, store.id, ref));
      if (!known?.email) {
        return { waitingFor: `customer:${ref}`, reason: `Waiting for the e-mail address of customer ${ref}` };
      }
    }
    if (change.kind === "refund" || change.kind === "chargeback" || change.kind === "license_key") {
      if (ordersHere.has(change.externalId)) continue;
      if (!(await findStoreOrder(tx, store, change.externalId))) {
        return { waitingFor: `order:${change.externalId}`, reason: `Waiting for order ${change.externalId} to arrive` };
      }
    }
  }
  return null;
}

async function upsertOrder(
  tx: TTx,
  store: TStore,
  change: Extract<TStoreChange, { kind: "order_paid" }>,
): Promise<{ changed: boolean; orderId: string }> {
  if (Number.isNaN(change.placedAt.getTime())) throw new StoreChangeError("The order's date is not a valid date");
  const customer = await completeStoreCustomer(tx, store.id, change.customer);
  const email = customer.email ?? "";
  const address = customer.address ? ZAddress.safeParse(customer.address) : undefined;
  const items =
    change.lines.length > 0
      ? change.lines.map((line) => ({
          sku: line.sku,
          name: line.name,
          quantity: line.quantity,
          unitAmount: line.unitAmount,
          licenseKeys: line.licenseKeys,
        }))
      : [
          {
            sku: `${store.name}-order`,
            name: `Order ${change.number}`,
            quantity: 1,
            unitAmount: change.total,
            licenseKeys: [],
          },
        ];
  const payload = parseOrderPayload({
    source: store.name,
    externalId: change.externalId,
    number: change.number,
    placedAt: change.placedAt.toISOString(),
    status: "paid",
    currency: change.currency,
    customer: {
      email,
      // The order contract needs a name; stores that send none get the address (the buyer knows it).
      name: customer.name?.trim() || email,
      phone: customer.phone,
      address: address?.success ? address.data : undefined,
    },
    items,
  });
  const result = await ingestInTransaction(tx, payload, { type: "system", label: `store:${store.name}` });
  await linkStoreOrder(tx, {
    storeId: store.id,
    externalId: change.externalId,
    orderId: result.orderId,
    lineRefs: change.lines.map((line) => line.ref ?? line.sku),
  });
  return { changed: result.result !== "unchanged", orderId: result.orderId };
}
