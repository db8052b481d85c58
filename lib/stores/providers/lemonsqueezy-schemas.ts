import "server-only";
import { z } from "zod";

// The parts of Lemon Squeezy's JSON:API webhook bodies the connector reads ({ meta, data }).
// Amounts are integers of minor units ("in cents"). Unknown fields pass through untouched.

const text = z.string().max(1000);
/** JSON:API ids are strings; foreign keys in attributes are numbers. Both become text. */
const ref = z.union([z.string().min(1).max(64), z.number().int()]).transform(String);
const cents = z.number().int();

export const ZLemonEvent = z.looseObject({
  meta: z.looseObject({ event_name: z.string().min(1).max(100).optional(), test_mode: z.boolean().optional() }),
  data: z.looseObject({
    type: z.string().min(1).max(100),
    id: ref,
    attributes: z.looseObject({ updated_at: z.string().nullish() }),
  }),
});

export const ZLemonOrder = z.looseObject({
  customer_id: ref.nullish(),
  order_number: ref,
  user_name: text.nullish(),
  user_email: text.nullish(),
  currency: z.string(),
  total: cents,
  status: z.string(),
  refunded: z.boolean().nullish(),
  refunded_amount: cents.nullish(),
  created_at: z.string(),
  first_order_item: z
    .looseObject({
      id: ref,
      product_id: ref.nullish(),
      variant_id: ref.nullish(),
      product_name: text.nullish(),
      variant_name: text.nullish(),
      quantity: z.number().int().min(1).nullish(),
    })
    .nullish(),
});

export const ZLemonLicenseKey = z.looseObject({
  order_id: ref,
  order_item_id: ref,
  key: z.string().min(1).max(200),
  status: z.string().nullish(),
  disabled: z.union([z.boolean(), z.number()]).nullish(),
});

export const ZLemonSubscriptionInvoice = z.looseObject({
  subscription_id: ref.nullish(),
  customer_id: ref.nullish(),
  user_name: text.nullish(),
  user_email: text.nullish(),
  billing_reason: z.string().nullish(),
  currency: z.string(),
  status: z.string(),
  total: cents,
  created_at: z.string(),
});
