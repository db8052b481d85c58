import "server-only";
import type { z } from "zod";
import { parseJsonBody, parseWith } from "@/lib/stores/providers/_shared/body";
import { addressOf, customerOf, fullName } from "@/lib/stores/providers/_shared/customer";
import { verifyBodyHmac } from "@/lib/stores/providers/_shared/hmac";
import { currencyCode, decimalToMinor, unitAmountOf } from "@/lib/stores/providers/_shared/money";
import {
  ZFastSpringCharge,
  ZFastSpringEnvelope,
  ZFastSpringOrder,
  ZFastSpringReturn,
  ZFulfillmentEntry,
  type ZFastSpringAccount,
} from "@/lib/stores/providers/fastspring-schemas";
import { MalformedDeliveryError, type TStoreChange, type TStoreConnector, type TStoreEvent } from "@/lib/stores/types";

// FastSpring: `X-FS-Signature: <base64 HMAC-SHA256(secret, raw body)>`; no timestamp. A delivery
// is `{ "events": [ … ] }`, each with an id that automatic retries keep. The reply marks events
// processed one by one: 202 with their ids, one per line (a plain 200 would mark all); the
// framework answers 5xx instead when an event must be retried.
//
// Orders are keyed by FastSpring's internal order id; the number is the buyer-facing reference.
// Lines are keyed by product path (returns name items by product), and carry the licence keys
// of the item's fulfilments. Amounts are JSON numbers in major units, converted exactly.

type TAccount = z.infer<typeof ZFastSpringAccount>;
type TOrder = z.infer<typeof ZFastSpringOrder>;

function accountRef(account: TAccount | null | undefined): string | undefined {
  return typeof account === "string" ? account : (account?.id ?? account?.account ?? undefined);
}

function licenseKeysOf(fulfillments: Record<string, unknown> | null | undefined): string[] {
  const keys: string[] = [];
  for (const entries of Object.values(fulfillments ?? {})) {
    if (!Array.isArray(entries)) continue;
    for (const entry of entries) {
      const parsed = ZFulfillmentEntry.safeParse(entry);
      if (parsed.success) keys.push(parsed.data.license);
    }
  }
  return keys;
}

function orderChange(order: TOrder, fallbackDate: Date): TStoreChange {
  const externalId = order.id ?? order.order;
  if (!externalId) throw new MalformedDeliveryError("The order has no id");
  const currency = currencyCode(order.currency);
  const contact = order.customer ?? (typeof order.account === "object" ? order.account?.contact : undefined);
  const address = order.address;
  return {
    kind: "order_paid",
    externalId,
    number: order.reference ?? externalId,
    placedAt: order.changed ? new Date(order.changed) : fallbackDate,
    currency,
    customer: customerOf({
      ref: accountRef(order.account),
      email: contact?.email,
      name: fullName(contact?.first, contact?.last),
      phone: contact?.phone,
      address: address
        ? addressOf({
            line1: address.addressLine1,
            line2: address.addressLine2,
            city: address.city,
            region: address.regionCode ?? address.region,
            postalCode: address.postalCode,
            country: address.country,
          })
        : undefined,
    }),
    lines: order.items.map((item) => {
      const lineTotal = decimalToMinor(item.subtotal, currency) - decimalToMinor(item.discount ?? 0, currency);
      return {
        ref: item.product,
        sku: item.sku ?? item.product,
        name: item.display ?? item.product,
        quantity: item.quantity,
        unitAmount: unitAmountOf(lineTotal, item.quantity),
        licenseKeys: licenseKeysOf(item.fulfillments),
      };
    }),
    total: decimalToMinor(order.total, currency),
  };
}

function chargeEvent(data: unknown, at: Date): Pick<TStoreEvent, "changes" | "ignoredBecause"> {
  const charge = parseWith(ZFastSpringCharge, data, "The subscription charge");
  if (charge.status && charge.status !== "successful") {
    return { changes: [], ignoredBecause: `Charge status "${charge.status}", not successful` };
  }
  if (typeof charge.order === "object") {
    return { changes: [orderChange(parseWith(ZFastSpringOrder, charge.order, "The charge's order"), at)] };
  }
  // Webhook expansion off: only the order id and the amount are known.
  const currency = currencyCode(charge.currency);
  const contact = typeof charge.account === "object" ? charge.account?.contact : undefined;
  const change: TStoreChange = {
    kind: "order_paid",
    externalId: charge.order,
    number: charge.order,
    placedAt: charge.timestamp ? new Date(charge.timestamp) : at,
    currency,
    customer: customerOf({
      ref: accountRef(charge.account),
      email: contact?.email,
      name: fullName(contact?.first, contact?.last),
    }),
    lines: [],
    total: decimalToMinor(charge.total, currency),
  };
  return { changes: [change] };
}

function returnEvent(data: unknown): Pick<TStoreEvent, "changes" | "ignoredBecause"> {
  const ret = parseWith(ZFastSpringReturn, data, "The return");
  if (ret.completed === false) return { changes: [], ignoredBecause: "The return is not completed" };
  const order = typeof ret.order === "string" ? ret.order : (ret.order?.id ?? ret.order?.order);
  const externalId = ret.original?.id ?? ret.original?.order ?? order;
  if (!externalId) throw new MalformedDeliveryError("The return names no original order");
  const currency = currencyCode(ret.currency);
  const amount = decimalToMinor(ret.totalReturn, currency);
  const originalTotal =
    ret.original?.total === null || ret.original?.total === undefined
      ? null
      : decimalToMinor(ret.original.total, currency);
  const full = originalTotal !== null && amount >= originalTotal;
  const lines = (ret.items ?? []).map((item) => ({
    ref: item.product,
    ...(item.quantity ? { quantity: item.quantity } : {}),
  }));
  return { changes: [{ kind: "refund", externalId, full, amount, ...(!full && lines.length > 0 ? { lines } : {}) }] };
}

export const fastSpringConnector: TStoreConnector = {
  provider: "fastspring",
  label: "FastSpring",
  setupHint:
    "FastSpring App → Developer Tools → Webhooks → Configuration → Add Webhook URL: paste this URL, enter an HMAC SHA256 secret (paste the same here), tick order.completed, return.created and subscription.charge.completed; turn on webhook expansion.",
  needsSecret: true,

  verify(delivery, store) {
    return verifyBodyHmac(delivery, store, "x-fs-signature", "base64");
  },

  parse(delivery) {
    const { events } = parseJsonBody(delivery.rawBody, ZFastSpringEnvelope);
    return events.map((event): TStoreEvent => {
      const base = { id: event.id, type: event.type };
      const at = event.created ? new Date(event.created) : delivery.receivedAt;
      switch (event.type) {
        case "order.completed":
          return {
            ...base,
            changes: [orderChange(parseWith(ZFastSpringOrder, event.data, `Event ${event.id}'s order`), at)],
          };
        case "subscription.charge.completed":
          return { ...base, ...chargeEvent(event.data, at) };
        case "return.created":
          return { ...base, ...returnEvent(event.data) };
        default:
          return { ...base, changes: [], ignoredBecause: `Keydesk does not use FastSpring's ${event.type} events` };
      }
    });
  },

  reply(events) {
    // Every event handed back here is recorded: list them all as processed. A delivery that could
    // not be read at all is recorded as failed in Keydesk (replayable there); FastSpring's
    // redeliveries of the same bytes would fail the same way, so it is acknowledged too.
    if (events.length === 0) return { status: 200, contentType: "text/plain", body: "" };
    return { status: 202, contentType: "text/plain", body: events.map((event) => event.id).join("\n") };
  },
};
