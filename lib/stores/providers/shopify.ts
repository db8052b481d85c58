import "server-only";
import { addressOf, customerOf, fullName } from "@/lib/stores/providers/_shared/customer";
import { derivedEventId, parseJsonBody, parseWith } from "@/lib/stores/providers/_shared/body";
import { verifyBodyHmac } from "@/lib/stores/providers/_shared/hmac";
import { currencyCode, decimalToMinor, unitAmountOf } from "@/lib/stores/providers/_shared/money";
import { ZShopifyDispute, ZShopifyOrder, ZShopifyRefund } from "@/lib/stores/providers/shopify-schemas";
import { z } from "zod";
import {
  MalformedDeliveryError,
  type TStoreChange,
  type TStoreConnector,
  type TStoreEvent,
  type TStoreLine,
} from "@/lib/stores/types";

// Shopify: `X-Shopify-Hmac-Sha256: <base64 HMAC-SHA256(secret, raw body)>` — the secret is the
// signing key shown under Settings → Notifications → Webhooks for webhooks made there, or the app's
// client secret for an app's subscriptions. The topic comes in `X-Shopify-Topic`; there is no
// signed timestamp.
//
// Idempotency: Shopify retries a delivery with the same `X-Shopify-Webhook-Id`, but that header is
// not signed, so a replayed body under a new id would count twice. The key is built from the signed
// body instead — the order, refund or dispute id, each created once — which makes a retry, a
// redelivery and a replay the same event. Orders are keyed by Shopify's order id and numbered as
// Shopify shows them ("#1002", the order's `name`); refunds name the order and its line ids.

type TMapped = Omit<TStoreEvent, "type">;

const ZAnyObject = z.looseObject({});

function orderPaid(body: unknown): TMapped {
  const order = parseWith(ZShopifyOrder, body, "The order");
  const id = `orders/paid:${order.id}`;
  const unpaid = ["pending", "authorized", "partially_paid", "voided", "expired"];
  if (order.financial_status && unpaid.includes(order.financial_status)) {
    return { id, changes: [], ignoredBecause: `Financial status "${order.financial_status}", not paid` };
  }
  const currency = currencyCode(order.currency);
  const lines: TStoreLine[] = order.line_items.map((item) => {
    const sku = item.sku?.trim() || item.variant_id || item.product_id || item.id;
    const discount = item.total_discount !== null && item.total_discount !== undefined ? item.total_discount : "0";
    // What the buyer paid for the line: after its discount, with its tax (unless prices include it),
    // so the items add up to the order's total and a refund by amount compares like with like.
    const tax = order.taxes_included
      ? 0
      : (item.tax_lines ?? []).reduce((sum, line) => sum + decimalToMinor(line.price, currency), 0);
    const lineTotal = decimalToMinor(item.price, currency) * item.quantity - decimalToMinor(discount, currency) + tax;
    return {
      ref: item.id,
      sku,
      name: item.name?.trim() || item.title?.trim() || sku,
      quantity: item.quantity,
      unitAmount: unitAmountOf(lineTotal, item.quantity),
      licenseKeys: [],
    };
  });
  const billing = order.billing_address;
  const change: TStoreChange = {
    kind: "order_paid",
    externalId: order.id,
    number: order.name ?? (order.order_number ? `#${order.order_number}` : order.id),
    placedAt: new Date(order.processed_at ?? order.created_at),
    currency,
    customer: customerOf({
      ref: order.customer?.id,
      email: order.email || order.contact_email || order.customer?.email,
      name:
        billing?.name ??
        fullName(billing?.first_name, billing?.last_name) ??
        fullName(order.customer?.first_name, order.customer?.last_name),
      phone: billing?.phone || order.phone || order.customer?.phone,
      address: billing
        ? addressOf({
            line1: billing.address1,
            line2: billing.address2,
            city: billing.city,
            region: billing.province_code ?? billing.province,
            postalCode: billing.zip,
            country: billing.country_code,
          })
        : undefined,
    }),
    lines,
    total: decimalToMinor(order.total_price, currency),
  };
  return { id, changes: [change] };
}

function refundCreated(body: unknown): TMapped {
  const refund = parseWith(ZShopifyRefund, body, "The refund");
  const id = `refunds/create:${refund.id}`;
  const lines = (refund.refund_line_items ?? [])
    .filter((line) => line.quantity > 0)
    .map((line) => ({ ref: line.line_item_id, quantity: line.quantity }));
  const paid = (refund.transactions ?? []).filter(
    (t) => (t.kind ?? "refund") === "refund" && (t.status ?? "success") === "success",
  );
  const currency = paid.find((t) => t.currency)?.currency;
  const amount = currency
    ? paid.reduce((sum, t) => sum + decimalToMinor(t.amount, currencyCode(currency)), 0)
    : undefined;
  if (lines.length === 0 && !amount) {
    return { id, changes: [], ignoredBecause: "The refund takes back no item and no money (e.g. a failed refund)" };
  }
  return {
    id,
    changes: [
      {
        kind: "refund",
        externalId: refund.order_id,
        full: false,
        ...(lines.length > 0 ? { lines } : {}),
        ...(amount ? { amount } : {}),
      },
    ],
  };
}

function disputeCreated(body: unknown): TMapped {
  const dispute = parseWith(ZShopifyDispute, body, "The dispute");
  const id = `disputes/create:${dispute.id}`;
  if (dispute.type && dispute.type !== "chargeback") {
    return { id, changes: [], ignoredBecause: `A dispute of type "${dispute.type}", not a chargeback` };
  }
  if (!dispute.order_id) return { id, changes: [], ignoredBecause: "The dispute names no order" };
  return { id, changes: [{ kind: "chargeback", externalId: dispute.order_id }] };
}

export const shopifyConnector: TStoreConnector = {
  provider: "shopify",
  label: "Shopify",
  setupHint:
    "Shopify admin → Settings → Notifications → Webhooks → Create webhook (format JSON) for Order payment, Refund create and Dispute create, each with this URL; then paste the signing key shown under the webhook list (an app's webhooks: the app's client secret).",
  needsSecret: true,

  verify(delivery, store) {
    return verifyBodyHmac(delivery, store, "x-shopify-hmac-sha256", "base64");
  },

  parse(delivery) {
    const topic = delivery.headers.get("x-shopify-topic")?.trim();
    if (!topic) throw new MalformedDeliveryError("The delivery names no topic (X-Shopify-Topic)");
    const body = parseJsonBody(delivery.rawBody, ZAnyObject);
    switch (topic) {
      case "orders/paid":
        return [{ type: topic, ...orderPaid(body) }];
      case "refunds/create":
        return [{ type: topic, ...refundCreated(body) }];
      case "disputes/create":
        return [{ type: topic, ...disputeCreated(body) }];
      default:
        return [
          {
            id: `${topic}:${derivedEventId(delivery.rawBody.toString("utf8"))}`,
            type: topic,
            changes: [],
            ignoredBecause: `Keydesk does not use Shopify's ${topic} webhooks`,
          },
        ];
    }
  },
};
