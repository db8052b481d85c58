import "server-only";
import { parseWith } from "@/lib/stores/providers/_shared/body";
import { unitAmountOf } from "@/lib/stores/providers/_shared/money";
import { idOf, stripeAmount, ZInvoicePayments, ZLineItems } from "@/lib/stores/providers/stripe-schemas";
import type { TProviderFetch, TStoreChange, TStoreEvent, TStoreLine } from "@/lib/stores/types";

type TOrderPaid = Extract<TStoreChange, { kind: "order_paid" }>;

function replaceOrder(event: TStoreEvent, order: TOrderPaid, next: TOrderPaid): TStoreEvent {
  return { ...event, changes: event.changes.map((change) => (change === order ? next : change)) };
}

/** A checkout session's line items (GET /v1/checkout/sessions/{id}/line_items). */
async function sessionLines(api: TProviderFetch, session: string, currency: string): Promise<TStoreLine[]> {
  const response = await api(`/v1/checkout/sessions/${encodeURIComponent(session)}/line_items?limit=100`);
  if (!response.ok) throw new Error(`Stripe answered ${response.status} for the line items of ${session}`);
  const items = parseWith(ZLineItems, await response.json(), "Stripe's line items");
  return items.data.map((item) => {
    const sku = item.price?.lookup_key ?? idOf(item.price?.product) ?? item.price?.id ?? item.id;
    const quantity = item.quantity ?? 1;
    return {
      ref: item.id,
      sku,
      name: item.description ?? sku,
      quantity,
      unitAmount: unitAmountOf(stripeAmount(item.amount_total, currency), quantity),
      licenseKeys: [],
    };
  });
}

/**
 * The PaymentIntent that paid an invoice (GET /v1/invoice_payments?invoice=…), or null when
 * Stripe knows none (404: an API version or a stand-in without invoice payments).
 */
async function invoicePaymentIntent(api: TProviderFetch, invoice: string): Promise<string | null> {
  const response = await api(`/v1/invoice_payments?invoice=${encodeURIComponent(invoice)}&limit=10`);
  if (response.status === 404) return null;
  if (!response.ok) throw new Error(`Stripe answered ${response.status} for the payments of ${invoice}`);
  const payments = parseWith(ZInvoicePayments, await response.json(), "Stripe's invoice payments");
  const paid = payments.data.filter((p) => p.status === "paid" && p.payment?.payment_intent);
  const chosen = paid.find((p) => p.is_default) ?? paid[0];
  return idOf(chosen?.payment?.payment_intent) ?? null;
}

/**
 * Completes a Stripe event from the API with the store's key: a checkout session's lines, and the
 * PaymentIntent of an invoice that no longer names it (so its refunds find the order).
 */
export async function enrichStripeEvent(event: TStoreEvent, api: TProviderFetch): Promise<TStoreEvent> {
  const order = event.changes.find((change): change is TOrderPaid => change.kind === "order_paid");
  if (!order) return event;
  const session = event.context?.checkoutSession;
  if (session && order.lines.length === 0) {
    return replaceOrder(event, order, { ...order, lines: await sessionLines(api, session, order.currency) });
  }
  const invoice = event.context?.invoice;
  if (invoice && order.externalId === invoice) {
    const paymentIntent = await invoicePaymentIntent(api, invoice);
    if (paymentIntent) return replaceOrder(event, order, { ...order, externalId: paymentIntent });
  }
  return event;
}
