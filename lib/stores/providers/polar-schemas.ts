import "server-only";
import { z } from "zod";

// The parts of Polar's webhook payloads the connector reads ({ type, timestamp, data }). Amounts
// are integers of minor units; currencies lower case. Unknown fields pass through untouched.

const id = z.string().min(1).max(255);
const text = z.string().max(1000);

export const ZPolarEvent = z.looseObject({
  type: z.string().min(1).max(200),
  timestamp: z.string().max(64).optional(),
  data: z.looseObject({ id: id.optional(), modified_at: z.string().nullish() }),
});

const ZPolarAddress = z.looseObject({
  line1: text.nullish(),
  line2: text.nullish(),
  postal_code: text.nullish(),
  city: text.nullish(),
  state: text.nullish(),
  country: text.nullish(),
});

export const ZPolarOrder = z.looseObject({
  id,
  created_at: z.string(),
  status: z.string(),
  total_amount: z.number().int(),
  refunded_amount: z.number().int().nullish(),
  currency: z.string(),
  billing_reason: z.string().nullish(),
  billing_name: text.nullish(),
  billing_address: ZPolarAddress.nullish(),
  invoice_number: text.nullish(),
  description: text.nullish(),
  customer_id: id.nullish(),
  product_id: id.nullish(),
  customer: z
    .looseObject({
      id: id.nullish(),
      email: text.nullish(),
      name: text.nullish(),
      billing_address: ZPolarAddress.nullish(),
    })
    .nullish(),
  product: z.looseObject({ id: id.nullish(), name: text.nullish() }).nullish(),
});

export const ZPolarBenefitGrant = z.looseObject({
  id,
  is_granted: z.boolean().optional(),
  order_id: id.nullish(),
  subscription_id: id.nullish(),
  benefit: z.looseObject({ id: id.optional(), type: z.string() }),
  properties: z
    .looseObject({
      license_key_id: id.nullish(),
      display_key: text.nullish(),
      user_provided_key: text.nullish(),
      key: text.nullish(),
    })
    .nullish(),
});

export const ZPolarLicenseKey = z.looseObject({ id, key: z.string().min(1).max(200) });
