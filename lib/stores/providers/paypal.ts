import "server-only";
import { parseJsonBody, parseWith } from "@/lib/stores/providers/_shared/body";
import { addressOf, customerOf, fullName } from "@/lib/stores/providers/_shared/customer";
import { currencyCode, decimalToMinor } from "@/lib/stores/providers/_shared/money";
import { payPalFetch, verifyWithPayPal } from "@/lib/stores/providers/paypal-api";
import {
  ZPayPalCapture,
  ZPayPalDispute,
  ZPayPalEvent,
  ZPayPalOrder,
  ZPayPalRefund,
  type TPayPalOrder,
} from "@/lib/stores/providers/paypal-schemas";
import type { TStoreChange, TStoreConnector, TStoreCustomer, TStoreEvent, TStoreLine } from "@/lib/stores/types";

// PayPal webhooks (v2, REST). PayPal signs with a certificate, and its documented check is its own
// API: `POST /v1/notifications/verify-webhook-signature` with the delivery's PAYPAL-* headers, the
// event and the webhook's id, under an OAuth token of the app's client id and secret. A store
// keeps the webhook id as its secret and "<client id>:<client secret>" as its API key (both needed);
// `--api-base` points it at the sandbox or a stand-in.
//
// An order is keyed by its capture id (the payment; refunds, reversals and disputes name the
// capture). PAYMENT.CAPTURE.COMPLETED carries the amount only: its payer and items come from the
// Orders API (`GET /v2/checkout/orders/{id}`, the id in `supplementary_data.related_ids`) and, for
// the payer, from CHECKOUT.ORDER.APPROVED (a customer event keyed by the order id) — whichever
// comes first; without an e-mail the capture waits for it. PAYMENT.CAPTURE.REFUNDED refunds the
// capture up to `total_refunded_amount` (cumulative, so idempotent); PAYMENT.CAPTURE.REVERSED and
// CUSTOMER.DISPUTE.CREATED are chargebacks.

type TOrderPaid = Extract<TStoreChange, { kind: "order_paid" }>;

/** The capture a refund or reversal belongs to: its `up` link (…/v2/payments/captures/<id>). */
function captureOf(links: { href: string; rel: string }[] | undefined): string | undefined {
  const up = links?.find((link) => link.rel === "up" && /\/captures\/[^/]+\/?$/.test(link.href));
  return up ? decodeURIComponent(up.href.replace(/\/+$/, "").split("/").pop() ?? "") || undefined : undefined;
}

function payerOf(order: TPayPalOrder, unit: TPayPalOrder["purchase_units"][number] | undefined): TStoreCustomer {
  const address = unit?.shipping?.address;
  return customerOf({
    ref: order.id,
    email: order.payer?.email_address,
    name: fullName(order.payer?.name?.given_name, order.payer?.name?.surname),
    address: addressOf({
      line1: address?.address_line_1,
      line2: address?.address_line_2,
      city: address?.admin_area_2,
      region: address?.admin_area_1,
      postalCode: address?.postal_code,
      country: address?.country_code,
    }),
  });
}

function captureEvent(base: Pick<TStoreEvent, "id" | "type">, resource: unknown, receivedAt: Date): TStoreEvent {
  const capture = parseWith(ZPayPalCapture, resource, "The capture");
  const currency = currencyCode(capture.amount.currency_code);
  const orderId = capture.supplementary_data?.related_ids?.order_id;
  const change: TOrderPaid = {
    kind: "order_paid",
    externalId: capture.id,
    number: capture.invoice_id || orderId || capture.id,
    placedAt: capture.create_time ? new Date(capture.create_time) : receivedAt,
    currency,
    // The payer is the order's: a CHECKOUT.ORDER.APPROVED or the Orders API brings the e-mail.
    customer: customerOf({ ref: orderId ?? capture.id }),
    lines: [],
    total: decimalToMinor(capture.amount.value, currency),
  };
  return { ...base, changes: [change], ...(orderId ? { context: { orderId } } : {}) };
}

function orderLines(unit: TPayPalOrder["purchase_units"][number] | undefined, currency: string): TStoreLine[] {
  return (unit?.items ?? []).map((item, i) => {
    const sku = item.sku || `item-${i + 1}`;
    return {
      ref: sku,
      sku,
      name: item.name,
      quantity: Number(item.quantity),
      unitAmount:
        decimalToMinor(item.unit_amount.value, currency) + (item.tax ? decimalToMinor(item.tax.value, currency) : 0),
      licenseKeys: [],
    };
  });
}

/** The purchase unit that was paid by `captureId` (or the first). */
function unitOf(order: TPayPalOrder, captureId?: string) {
  return (
    order.purchase_units.find((unit) => unit.payments?.captures?.some((capture) => capture.id === captureId)) ??
    order.purchase_units[0]
  );
}

export const payPalConnector: TStoreConnector = {
  provider: "paypal",
  label: "PayPal",
  setupHint:
    "PayPal Developer Dashboard → Apps & Credentials → your app → Webhooks → Add webhook: paste this URL, tick Payment capture completed, refunded and reversed, Checkout order approved and Customer dispute created; the webhook's id is this store's secret and \"<client id>:<client secret>\" its API key.",
  needsSecret: true,
  needsApiKey: true,
  apiKeyHint: "Your PayPal app's client id and secret as <client id>:<client secret>",

  verify(delivery, store) {
    return verifyWithPayPal(delivery.headers, delivery.rawBody, store);
  },

  parse(delivery) {
    const event = parseJsonBody(delivery.rawBody, ZPayPalEvent);
    const base = { id: event.id, type: event.event_type };
    switch (event.event_type) {
      case "PAYMENT.CAPTURE.COMPLETED":
        return [captureEvent(base, event.resource, delivery.receivedAt)];
      case "CHECKOUT.ORDER.APPROVED":
      case "CHECKOUT.ORDER.COMPLETED": {
        const order = parseWith(ZPayPalOrder, event.resource, "The order");
        const payer = payerOf(order, order.purchase_units[0]);
        if (!payer.email) return [{ ...base, changes: [], ignoredBecause: "The order names no payer e-mail" }];
        return [{ ...base, changes: [{ kind: "customer_details", customer: { ...payer, ref: order.id } }] }];
      }
      case "PAYMENT.CAPTURE.REFUNDED": {
        const refund = parseWith(ZPayPalRefund, event.resource, "The refund");
        const captureId = captureOf(refund.links);
        if (!captureId) return [{ ...base, changes: [], ignoredBecause: "The refund names no capture" }];
        const money = refund.seller_payable_breakdown?.total_refunded_amount;
        const currency = money ? currencyCode(money.currency_code) : undefined;
        const amount = refund.amount
          ? decimalToMinor(refund.amount.value, currencyCode(refund.amount.currency_code))
          : undefined;
        return [
          {
            ...base,
            changes: [
              {
                kind: "refund",
                externalId: captureId,
                full: false,
                ...(money && currency ? { refundedTotal: decimalToMinor(money.value, currency) } : {}),
                ...(!money && amount !== undefined ? { amount } : {}),
              },
            ],
          },
        ];
      }
      case "PAYMENT.CAPTURE.REVERSED": {
        // The resource is the reversed capture (or, in older payloads, a refund linking up to it).
        const resource = event.resource as { id?: unknown; links?: unknown };
        const links = parseWith(ZPayPalRefund.shape.links, resource.links, "The links");
        const captureId = captureOf(links) ?? (typeof resource.id === "string" ? resource.id : undefined);
        if (!captureId) return [{ ...base, changes: [], ignoredBecause: "The reversal names no capture" }];
        return [{ ...base, changes: [{ kind: "chargeback", externalId: captureId }] }];
      }
      case "CUSTOMER.DISPUTE.CREATED": {
        const dispute = parseWith(ZPayPalDispute, event.resource, "The dispute");
        const captures = dispute.disputed_transactions.flatMap((t) =>
          t.seller_transaction_id ? [t.seller_transaction_id] : [],
        );
        if (captures.length === 0)
          return [{ ...base, changes: [], ignoredBecause: "The dispute names no transaction" }];
        return [{ ...base, changes: captures.map((externalId) => ({ kind: "chargeback" as const, externalId })) }];
      }
      default:
        return [{ ...base, changes: [], ignoredBecause: `Keydesk does not use PayPal's ${event.event_type} events` }];
    }
  },

  async enrich(event, store) {
    const orderId = event.context?.orderId;
    const paid = event.changes.find((change): change is TOrderPaid => change.kind === "order_paid");
    if (!orderId || !paid || (paid.customer.email && paid.lines.length > 0)) return event;
    const response = await payPalFetch(store, `/v2/checkout/orders/${encodeURIComponent(orderId)}`);
    // An order PayPal no longer shows (or a stand-in without it): the capture waits for its payer.
    if (response.status === 404) return event;
    if (!response.ok) throw new Error(`PayPal answered ${response.status} for order ${orderId}`);
    const order = parseWith(ZPayPalOrder, await response.json(), "PayPal's order");
    const unit = unitOf(order, paid.externalId);
    const lines = orderLines(unit, paid.currency);
    const next: TOrderPaid = {
      ...paid,
      customer: paid.customer.email ? paid.customer : { ...payerOf(order, unit), ref: paid.customer.ref ?? order.id },
      lines: paid.lines.length > 0 ? paid.lines : lines,
    };
    return { ...event, changes: event.changes.map((change) => (change === paid ? next : change)) };
  },
};
