import "server-only";
import { z } from "zod";
import { addressOf, customerOf } from "@/lib/stores/providers/_shared/customer";
import { parseJsonBody, parseWith } from "@/lib/stores/providers/_shared/body";
import { anySignatureMatches, isFresh, parseUnixSeconds } from "@/lib/stores/providers/_shared/hmac";
import { currencyCode, unitAmountOf } from "@/lib/stores/providers/_shared/money";
import { enrichStripeEvent } from "@/lib/stores/providers/stripe-enrich";
import {
  idOf,
  stripeAmount,
  ZCharge,
  ZCheckoutSession,
  ZDispute,
  ZInvoice,
  ZStripeEvent,
} from "@/lib/stores/providers/stripe-schemas";
import type { TStoreChange, TStoreConnector, TStoreEvent, TStoreLine } from "@/lib/stores/types";

// Stripe: `Stripe-Signature: t=<unix>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>[,v1=…]`.
// One event per delivery, `evt_…` ids stable across Stripe's retries.
//
// Orders are keyed by the PaymentIntent id (`pi_…`) whenever there is one: a charge.refunded or
// charge.dispute.created event names the PaymentIntent but not the checkout session or invoice,
// so the same key on the order is what lets a refund find it. A one-off invoice created by a
// checkout session then updates the same order instead of adding a second one. Without a
// PaymentIntent the session id is the key (free checkout). Invoices on API versions ≥ 2025-03-31
// no longer carry their PaymentIntent: with the store's API key `enrich` looks it up and keys the
// order by it; without one the invoice id is the key, and refunds of such invoices do not find
// their order (the reason to give such a store a restricted key that may read invoices).

const TOLERANCE_SECONDS = 300;

function signatureParts(header: string): { t: string | undefined; v1: string[] } {
  const v1: string[] = [];
  let t: string | undefined;
  for (const piece of header.split(",")) {
    const at = piece.indexOf("=");
    if (at < 0) continue;
    const key = piece.slice(0, at).trim();
    const value = piece.slice(at + 1).trim();
    if (key === "t") t ??= value;
    if (key === "v1" && value) v1.push(value);
  }
  return { t, v1 };
}

function checkoutChanges(
  event: z.infer<typeof ZStripeEvent>,
): Pick<TStoreEvent, "changes" | "ignoredBecause" | "context"> {
  const session = parseWith(ZCheckoutSession, event.data.object, "The checkout session");
  if (session.mode === "subscription") {
    return { changes: [], ignoredBecause: "Subscription checkout: the order arrives with its invoice.paid event" };
  }
  if (session.payment_status !== "paid" && session.payment_status !== "no_payment_required") {
    return { changes: [], ignoredBecause: `Not paid yet (payment_status "${session.payment_status}")` };
  }
  if (!session.currency || session.amount_total === null || session.amount_total === undefined) {
    return { changes: [], ignoredBecause: "A checkout session without an amount (setup mode)" };
  }
  const currency = currencyCode(session.currency);
  const paymentIntent = idOf(session.payment_intent);
  const details = session.customer_details;
  const address = details?.address;
  const change: TStoreChange = {
    kind: "order_paid",
    externalId: paymentIntent ?? session.id,
    number: paymentIntent ?? session.id,
    placedAt: new Date(session.created * 1000),
    currency,
    customer: customerOf({
      ref: idOf(session.customer),
      email: details?.email ?? session.customer_email,
      name: details?.name,
      phone: details?.phone,
      address: address ? addressOf({ ...address, region: address.state, postalCode: address.postal_code }) : undefined,
    }),
    lines: [],
    total: stripeAmount(session.amount_total, currency),
  };
  return { changes: [change], context: { checkoutSession: session.id } };
}

function invoiceChanges(event: z.infer<typeof ZStripeEvent>): Pick<TStoreEvent, "changes" | "context"> {
  const invoice = parseWith(ZInvoice, event.data.object, "The invoice");
  const currency = currencyCode(invoice.currency);
  const paymentIntent =
    idOf(invoice.payment_intent) ??
    idOf(invoice.payments?.data.find((p) => p.payment.payment_intent)?.payment.payment_intent);
  const lines: TStoreLine[] = invoice.lines.data.map((line) => {
    const product = idOf(line.price?.product) ?? line.pricing?.price_details?.product ?? undefined;
    const sku = line.price?.lookup_key ?? product ?? line.price?.id ?? line.pricing?.price_details?.price ?? line.id;
    const quantity = line.quantity ?? 1;
    return {
      ref: line.id,
      sku,
      name: line.description ?? sku,
      quantity,
      unitAmount: unitAmountOf(stripeAmount(line.amount, currency), quantity),
      licenseKeys: [],
    };
  });
  const address = invoice.customer_address;
  const changes: TStoreChange[] = [
    {
      kind: "order_paid",
      externalId: paymentIntent ?? invoice.id,
      number: invoice.number ?? invoice.id,
      placedAt: new Date((invoice.status_transitions?.paid_at ?? invoice.created) * 1000),
      currency,
      customer: customerOf({
        ref: idOf(invoice.customer),
        email: invoice.customer_email,
        name: invoice.customer_name,
        phone: invoice.customer_phone,
        address: address
          ? addressOf({ ...address, region: address.state, postalCode: address.postal_code })
          : undefined,
      }),
      lines,
      total: stripeAmount(invoice.amount_paid, currency),
    },
  ];
  // Newer API versions leave the PaymentIntent off the invoice: enrich looks it up.
  return paymentIntent ? { changes } : { changes, context: { invoice: invoice.id } };
}

function refundChanges(event: z.infer<typeof ZStripeEvent>): TStoreChange[] {
  const charge = parseWith(ZCharge, event.data.object, "The charge");
  const currency = currencyCode(charge.currency);
  const previous = z.object({ amount_refunded: z.number().int() }).safeParse(event.data.previous_attributes);
  const full = charge.refunded === true || charge.amount_refunded >= charge.amount;
  return [
    {
      kind: "refund",
      externalId: idOf(charge.payment_intent) ?? idOf(charge.invoice) ?? charge.id,
      full,
      refundedTotal: stripeAmount(charge.amount_refunded, currency),
      // This refund alone, when Stripe says what was refunded before it.
      ...(previous.success
        ? { amount: stripeAmount(charge.amount_refunded - previous.data.amount_refunded, currency) }
        : {}),
    },
  ];
}

export const stripeConnector: TStoreConnector = {
  provider: "stripe",
  label: "Stripe",
  setupHint:
    "Stripe Dashboard → Developers → Webhooks → Add endpoint: paste this URL, select checkout.session.completed, checkout.session.async_payment_succeeded, invoice.paid, charge.refunded and charge.dispute.created, then copy the signing secret (whsec_…).",
  needsSecret: true,

  verify(delivery, store) {
    const header = delivery.headers.get("stripe-signature");
    if (!header) return { ok: false, reason: "missing_signature" };
    if (store.secrets.length === 0) return { ok: false, reason: "unverifiable" };
    const { t, v1 } = signatureParts(header);
    const timestamp = parseUnixSeconds(t);
    if (timestamp === null || v1.length === 0) return { ok: false, reason: "bad_signature" };
    const signed = Buffer.concat([Buffer.from(`${t}.`), delivery.rawBody]);
    if (!anySignatureMatches(store.secrets, signed, v1, "hex")) return { ok: false, reason: "bad_signature" };
    if (!isFresh(timestamp, delivery.receivedAt, TOLERANCE_SECONDS)) return { ok: false, reason: "stale_timestamp" };
    return { ok: true };
  },

  parse(delivery) {
    const event = parseJsonBody(delivery.rawBody, ZStripeEvent);
    const base = { id: event.id, type: event.type };
    switch (event.type) {
      case "checkout.session.completed":
      case "checkout.session.async_payment_succeeded":
        return [{ ...base, ...checkoutChanges(event) }];
      case "invoice.paid":
        return [{ ...base, ...invoiceChanges(event) }];
      case "charge.refunded":
        return [{ ...base, changes: refundChanges(event) }];
      case "charge.dispute.created": {
        const dispute = parseWith(ZDispute, event.data.object, "The dispute");
        const externalId = idOf(dispute.payment_intent) ?? idOf(dispute.charge) ?? dispute.id;
        return [{ ...base, changes: [{ kind: "chargeback", externalId }] }];
      }
      default:
        return [{ ...base, changes: [], ignoredBecause: `Keydesk does not use Stripe's ${event.type} events` }];
    }
  },

  async enrich(event, _store, api) {
    return await enrichStripeEvent(event, api);
  },
};
