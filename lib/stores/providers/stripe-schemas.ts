import "server-only";
import { z } from "zod";

// The parts of Stripe's event objects the connector reads (API versions from 2020 to today:
// fields that moved between versions are optional). Unknown fields pass through untouched.

const id = z.string().min(1).max(255);
const text = z.string().max(1000);

export const ZStripeAddress = z.looseObject({
  line1: text.nullish(),
  line2: text.nullish(),
  city: text.nullish(),
  state: text.nullish(),
  postal_code: text.nullish(),
  country: text.nullish(),
});

export const ZStripeEvent = z.looseObject({
  id,
  type: z.string().min(1).max(200),
  created: z.number().int(),
  livemode: z.boolean().optional(),
  data: z.looseObject({
    object: z.looseObject({ id: id.optional(), object: z.string().optional() }),
    previous_attributes: z.looseObject({}).nullish(),
  }),
});

export const ZCheckoutSession = z.looseObject({
  id,
  mode: z.string().nullish(),
  payment_status: z.string(),
  payment_intent: z.union([id, z.looseObject({ id })]).nullish(),
  invoice: z.union([id, z.looseObject({ id })]).nullish(),
  amount_total: z.number().int().nullish(),
  currency: z.string().nullish(),
  created: z.number().int(),
  customer: z.union([id, z.looseObject({ id })]).nullish(),
  customer_email: text.nullish(),
  customer_details: z
    .looseObject({
      email: text.nullish(),
      name: text.nullish(),
      phone: text.nullish(),
      address: ZStripeAddress.nullish(),
    })
    .nullish(),
});

export const ZCharge = z.looseObject({
  id,
  amount: z.number().int(),
  amount_refunded: z.number().int(),
  refunded: z.boolean().optional(),
  currency: z.string(),
  payment_intent: z.union([id, z.looseObject({ id })]).nullish(),
  invoice: z.union([id, z.looseObject({ id })]).nullish(),
});

export const ZDispute = z.looseObject({
  id,
  charge: z.union([id, z.looseObject({ id })]),
  payment_intent: z.union([id, z.looseObject({ id })]).nullish(),
});

const ZPrice = z.looseObject({
  id: id.optional(),
  product: z.union([id, z.looseObject({ id })]).nullish(),
  lookup_key: text.nullish(),
  unit_amount: z.number().int().nullish(),
});

export const ZInvoiceLine = z.looseObject({
  id,
  amount: z.number().int(),
  description: text.nullish(),
  quantity: z.number().int().nullish(),
  price: ZPrice.nullish(),
  pricing: z
    .looseObject({ price_details: z.looseObject({ price: id.nullish(), product: id.nullish() }).nullish() })
    .nullish(),
});

export const ZInvoice = z.looseObject({
  id,
  number: text.nullish(),
  currency: z.string(),
  amount_paid: z.number().int(),
  created: z.number().int(),
  customer: z.union([id, z.looseObject({ id })]).nullish(),
  customer_email: text.nullish(),
  customer_name: text.nullish(),
  customer_phone: text.nullish(),
  customer_address: ZStripeAddress.nullish(),
  payment_intent: z.union([id, z.looseObject({ id })]).nullish(),
  payments: z
    .looseObject({
      data: z.array(
        z.looseObject({ payment: z.looseObject({ payment_intent: z.union([id, z.looseObject({ id })]).nullish() }) }),
      ),
    })
    .nullish(),
  status_transitions: z.looseObject({ paid_at: z.number().int().nullish() }).nullish(),
  lines: z.looseObject({ data: z.array(ZInvoiceLine) }),
});

export const ZLineItems = z.looseObject({
  data: z.array(
    z.looseObject({
      id,
      description: text.nullish(),
      quantity: z.number().int().nullish(),
      amount_total: z.number().int(),
      price: ZPrice.nullish(),
    }),
  ),
  has_more: z.boolean().optional(),
});

export const ZInvoicePayments = z.looseObject({
  data: z.array(
    z.looseObject({
      status: z.string().nullish(),
      is_default: z.boolean().nullish(),
      payment: z.looseObject({ payment_intent: z.union([id, z.looseObject({ id })]).nullish() }).nullish(),
    }),
  ),
});

type TRef = string | { id: string } | null | undefined;

/** The id of a Stripe reference, expanded (an object) or not (a string). */
export function idOf(ref: TRef): string | undefined {
  return typeof ref === "string" ? ref : (ref?.id ?? undefined);
}

/**
 * Stripe amounts are minor units, except ISK and UGX: zero-decimal in ISO 4217 but sent by Stripe
 * with two decimals for backwards compatibility (5 ISK arrives as 500).
 */
export function stripeAmount(amount: number, currency: string): number {
  return ["ISK", "UGX"].includes(currency.toUpperCase()) ? Math.trunc(amount / 100) : amount;
}
