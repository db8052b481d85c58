import "server-only";
import { z } from "zod";

// The parts of a WooCommerce order webhook body (the REST API v3 order resource) the connector
// reads. Money is decimal text in the order's currency ("29.00"; refund totals negative, "-5.00");
// dates are local and `_gmt` (UTC without a zone). Unknown fields pass through untouched.

const text = z.string().max(1000);
const ref = z.union([z.string().min(1).max(64), z.number().int()]).transform(String);
const decimal = z.union([z.string().max(40), z.number()]);

export const ZWooOrder = z.looseObject({
  id: ref,
  number: z
    .union([z.string().min(1).max(64), z.number().int()])
    .transform(String)
    .nullish(),
  status: z.string().min(1).max(40),
  currency: z.string(),
  total: decimal,
  customer_id: ref.nullish(),
  date_created_gmt: z.string().nullish(),
  date_modified_gmt: z.string().nullish(),
  date_paid_gmt: z.string().nullish(),
  billing: z
    .looseObject({
      first_name: text.nullish(),
      last_name: text.nullish(),
      company: text.nullish(),
      address_1: text.nullish(),
      address_2: text.nullish(),
      city: text.nullish(),
      state: text.nullish(),
      postcode: text.nullish(),
      country: text.nullish(),
      email: text.nullish(),
      phone: text.nullish(),
    })
    .nullish(),
  line_items: z
    .array(
      z.looseObject({
        id: ref,
        name: text.nullish(),
        product_id: ref.nullish(),
        variation_id: ref.nullish(),
        quantity: z.number().int().min(1),
        total: decimal,
        total_tax: decimal.nullish(),
        sku: text.nullish(),
      }),
    )
    .max(500),
  refunds: z
    .array(
      z.looseObject({
        id: ref,
        total: decimal,
        // Not in the order resource itself; taken when a store sends its refunds' lines.
        line_items: z
          .array(
            z.looseObject({
              quantity: z.number().int().nullish(),
              meta_data: z
                .array(z.looseObject({ key: z.string(), value: z.unknown() }))
                .max(100)
                .nullish(),
            }),
          )
          .max(500)
          .nullish(),
      }),
    )
    .max(500)
    .nullish(),
});
