import "server-only";
import type { z } from "zod";
import { addressOf, customerOf, fullName } from "@/lib/stores/providers/_shared/customer";
import { derivedEventId, parseJsonBody } from "@/lib/stores/providers/_shared/body";
import { verifyBodyHmac } from "@/lib/stores/providers/_shared/hmac";
import { currencyCode, decimalToMinor, unitAmountOf } from "@/lib/stores/providers/_shared/money";
import { ZWooOrder } from "@/lib/stores/providers/woocommerce-schemas";
import { MalformedDeliveryError, type TStoreChange, type TStoreConnector, type TStoreEvent } from "@/lib/stores/types";

// WooCommerce: `X-WC-Webhook-Signature: <base64 HMAC-SHA256(webhook secret, raw body)>`, the topic
// in `X-WC-Webhook-Topic` ("order.created", "order.updated"). Saving a webhook in WooCommerce first
// sends an unsigned ping, a form body `webhook_id=<id>`: it is answered 200 and nothing is recorded.
//
// An order webhook carries the whole order, so the order's status says what happened:
// processing/completed → paid, refunded → a full refund; the order's `refunds[]` (each with a
// negative total) give the running refunded total of partial refunds, and their lines when a store
// sends them. WooCommerce makes a new `X-WC-Webhook-Delivery-ID` for every attempt (a hash of the
// webhook id and the time), so the idempotency key is the order's id, status and modification date
// instead: a retry or a replay of the same state is a duplicate, a real change (a new refund
// touches the modification date) is a new event.

type TWooOrder = z.infer<typeof ZWooOrder>;

const PAID = new Set(["processing", "completed"]);
const PING = /^webhook_id=\d{1,20}$/;
const TOPICS = new Set(["order.created", "order.updated"]);

/** WooCommerce's `_gmt` dates are UTC without a zone ("2026-11-30T12:00:00"). */
function gmtDate(value: string | null | undefined): Date | undefined {
  if (!value) return undefined;
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value}Z`);
}

function isPing(rawBody: Buffer): boolean {
  return rawBody.length <= 40 && PING.test(rawBody.toString("utf8").trim());
}

function orderPaid(order: TWooOrder, currency: string): TStoreChange {
  const billing = order.billing;
  const lines = order.line_items.map((item) => {
    const sku =
      item.sku?.trim() ||
      (item.variation_id && item.variation_id !== "0" ? item.variation_id : null) ||
      item.product_id ||
      item.id;
    // What the buyer paid for the line (after discounts, with tax), so the items add up to the
    // order's total and refunds (which include tax) compare like with like.
    const lineTotal = decimalToMinor(item.total, currency) + decimalToMinor(item.total_tax ?? "0", currency);
    return {
      ref: item.id,
      sku,
      name: item.name?.trim() || sku,
      quantity: item.quantity,
      unitAmount: unitAmountOf(lineTotal, item.quantity),
      licenseKeys: [],
    };
  });
  return {
    kind: "order_paid",
    externalId: order.id,
    number: order.number ?? order.id,
    placedAt: gmtDate(order.date_paid_gmt) ?? gmtDate(order.date_created_gmt) ?? new Date(Number.NaN),
    currency,
    customer: customerOf({
      ref: order.customer_id && order.customer_id !== "0" ? order.customer_id : undefined,
      email: billing?.email,
      name: fullName(billing?.first_name, billing?.last_name) ?? billing?.company,
      phone: billing?.phone,
      address: billing
        ? addressOf({
            line1: billing.address_1,
            line2: billing.address_2,
            city: billing.city,
            region: billing.state,
            postalCode: billing.postcode,
            country: billing.country,
          })
        : undefined,
    }),
    lines,
    total: decimalToMinor(order.total, currency),
  };
}

/** The order's refunds so far: their running total and, where the store sent them, their lines. */
function refundChange(order: TWooOrder, currency: string, full: boolean): TStoreChange | null {
  const refunds = order.refunds ?? [];
  const refundedTotal = refunds.reduce((sum, r) => sum + Math.abs(decimalToMinor(r.total, currency)), 0);
  const quantities = new Map<string, number>();
  for (const refund of refunds) {
    for (const line of refund.line_items ?? []) {
      const item = line.meta_data?.find((m) => m.key === "_refunded_item_id")?.value;
      if (typeof item !== "string" && typeof item !== "number") continue;
      const ref = String(item);
      quantities.set(ref, (quantities.get(ref) ?? 0) + Math.abs(line.quantity ?? 0));
    }
  }
  if (!full && refundedTotal === 0 && quantities.size === 0) return null;
  const lines = [...quantities].map(([ref, quantity]) => (quantity > 0 ? { ref, quantity } : { ref }));
  return {
    kind: "refund",
    externalId: order.id,
    full: full || refundedTotal >= decimalToMinor(order.total, currency),
    ...(refundedTotal > 0 ? { refundedTotal } : {}),
    ...(lines.length > 0 && !full ? { lines } : {}),
  };
}

function orderEvent(topic: string, order: TWooOrder, rawBody: Buffer): Omit<TStoreEvent, "type"> {
  const id = order.date_modified_gmt
    ? `order:${order.id}:${order.status}:${order.date_modified_gmt}`
    : `order:${order.id}:${order.status}:${derivedEventId(rawBody.toString("utf8"))}`;
  const currency = currencyCode(order.currency);
  if (PAID.has(order.status)) {
    const refund = refundChange(order, currency, false);
    return { id, changes: refund ? [orderPaid(order, currency), refund] : [orderPaid(order, currency)] };
  }
  if (order.status === "refunded") {
    return { id, changes: [refundChange(order, currency, true)!] };
  }
  return { id, changes: [], ignoredBecause: `Order status "${order.status}" (${topic}): not paid or refunded` };
}

export const wooCommerceConnector: TStoreConnector = {
  provider: "woocommerce",
  label: "WooCommerce",
  setupHint:
    "WordPress → WooCommerce → Settings → Advanced → Webhooks → Add webhook: two webhooks (topics Order created and Order updated, API version WP REST API v3), each with this URL as delivery URL and the same secret — paste it here first: the ping WooCommerce sends on saving is refused while the store has no secret.",
  needsSecret: true,

  verify(delivery, store) {
    const signature = delivery.headers.get("x-wc-webhook-signature");
    // The unsigned ping WooCommerce sends when a webhook is saved: parse makes nothing of it.
    if (!signature && isPing(delivery.rawBody)) return { ok: true };
    return verifyBodyHmac(delivery, store, "x-wc-webhook-signature", "base64");
  },

  parse(delivery) {
    if (!delivery.headers.get("x-wc-webhook-signature") && isPing(delivery.rawBody)) return [];
    const topic = delivery.headers.get("x-wc-webhook-topic")?.trim();
    if (!topic) throw new MalformedDeliveryError("The delivery names no topic (X-WC-Webhook-Topic)");
    if (!TOPICS.has(topic)) {
      return [
        {
          id: `${topic}:${derivedEventId(delivery.rawBody.toString("utf8"))}`,
          type: topic,
          changes: [],
          ignoredBecause: `Keydesk does not use WooCommerce's ${topic} webhooks`,
        },
      ];
    }
    const order = parseJsonBody(delivery.rawBody, ZWooOrder);
    return [{ type: topic, ...orderEvent(topic, order, delivery.rawBody) }];
  },
};
