import "server-only";
import { z } from "zod";

// The parts of Shopify's webhook bodies (REST Admin API resources: Order, Refund, Dispute) the
// connector reads. Money is decimal text in the shop's currency ("199.00"); ids are JSON integers
// (text here). Unknown fields pass through untouched.

const text = z.string().max(1000);
const ref = z.union([z.string().min(1).max(64), z.number().int()]).transform(String);
const decimal = z.union([z.string().max(40), z.number()]);

const ZShopifyAddress = z.looseObject({
  first_name: text.nullish(),
  last_name: text.nullish(),
  name: text.nullish(),
  address1: text.nullish(),
  address2: text.nullish(),
  city: text.nullish(),
  province_code: text.nullish(),
  province: text.nullish(),
  zip: text.nullish(),
  country_code: text.nullish(),
  phone: text.nullish(),
});

export const ZShopifyOrder = z.looseObject({
  id: ref,
  name: z.string().min(1).max(64).nullish(),
  order_number: ref.nullish(),
  email: text.nullish(),
  contact_email: text.nullish(),
  phone: text.nullish(),
  currency: z.string(),
  total_price: decimal,
  taxes_included: z.boolean().nullish(),
  financial_status: z.string().nullish(),
  created_at: z.string(),
  processed_at: z.string().nullish(),
  customer: z
    .looseObject({
      id: ref.nullish(),
      email: text.nullish(),
      first_name: text.nullish(),
      last_name: text.nullish(),
      phone: text.nullish(),
    })
    .nullish(),
  billing_address: ZShopifyAddress.nullish(),
  line_items: z
    .array(
      z.looseObject({
        id: ref,
        sku: text.nullish(),
        title: text.nullish(),
        name: text.nullish(),
        variant_title: text.nullish(),
        product_id: ref.nullish(),
        variant_id: ref.nullish(),
        quantity: z.number().int().min(1),
        price: decimal,
        total_discount: decimal.nullish(),
        tax_lines: z
          .array(z.looseObject({ price: decimal }))
          .max(50)
          .nullish(),
      }),
    )
    .max(500),
});

export const ZShopifyRefund = z.looseObject({
  id: ref,
  order_id: ref,
  created_at: z.string().nullish(),
  refund_line_items: z
    .array(z.looseObject({ id: ref.nullish(), line_item_id: ref, quantity: z.number().int().min(0) }))
    .max(500)
    .nullish(),
  transactions: z
    .array(
      z.looseObject({
        kind: z.string().nullish(),
        status: z.string().nullish(),
        amount: decimal,
        currency: z.string().nullish(),
      }),
    )
    .max(100)
    .nullish(),
});

export const ZShopifyDispute = z.looseObject({
  id: ref,
  order_id: ref.nullish(),
  type: z.string().nullish(),
  status: z.string().nullish(),
});
