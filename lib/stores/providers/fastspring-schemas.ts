import "server-only";
import { z } from "zod";

// The parts of FastSpring's webhook payloads the connector reads. A delivery is an envelope of
// events; amounts are JSON numbers in major units (19.99), dates milliseconds. With "webhook
// expansion" off, `account` (and a charge's `order`) are ids instead of objects, so both shapes
// are accepted. Unknown fields pass through untouched.

const id = z.string().min(1).max(255);
const text = z.string().max(1000);
const money = z.union([z.number(), z.string().max(30)]);

export const ZFastSpringEnvelope = z.looseObject({
  events: z
    .array(
      z.looseObject({
        id,
        type: z.string().min(1).max(200),
        live: z.boolean().optional(),
        created: z.number().optional(),
        data: z.looseObject({}),
      }),
    )
    .min(1, "A FastSpring delivery carries at least one event"),
});

const ZContact = z.looseObject({
  first: text.nullish(),
  last: text.nullish(),
  email: text.nullish(),
  phone: text.nullish(),
});

export const ZFastSpringAccount = z.union([
  id,
  z.looseObject({ id: id.nullish(), account: id.nullish(), contact: ZContact.nullish() }),
]);

export const ZFastSpringOrder = z.looseObject({
  id: id.nullish(),
  order: id.nullish(),
  reference: text.nullish(),
  changed: z.number().nullish(),
  currency: z.string(),
  total: money,
  account: ZFastSpringAccount.nullish(),
  customer: ZContact.nullish(),
  address: z
    .looseObject({
      addressLine1: text.nullish(),
      addressLine2: text.nullish(),
      city: text.nullish(),
      region: text.nullish(),
      regionCode: text.nullish(),
      postalCode: text.nullish(),
      country: text.nullish(),
    })
    .nullish(),
  items: z.array(
    z.looseObject({
      product: id,
      sku: text.nullish(),
      display: text.nullish(),
      quantity: z.number().int().min(0),
      subtotal: money,
      discount: money.nullish(),
      fulfillments: z.record(z.string(), z.unknown()).nullish(),
    }),
  ),
});

export const ZFastSpringCharge = z.looseObject({
  status: z.string().nullish(),
  currency: z.string(),
  total: money,
  timestamp: z.number().nullish(),
  account: ZFastSpringAccount.nullish(),
  order: z.union([id, z.looseObject({})]),
});

export const ZFastSpringReturn = z.looseObject({
  return: id.nullish(),
  id: id.nullish(),
  completed: z.boolean().nullish(),
  currency: z.string(),
  totalReturn: money,
  original: z.looseObject({ id: id.nullish(), order: id.nullish(), total: money.nullish() }).nullish(),
  order: z.union([id, z.looseObject({ id: id.nullish(), order: id.nullish() })]).nullish(),
  items: z.array(z.looseObject({ product: id, quantity: z.number().int().min(0).nullish() })).nullish(),
});

/** One entry of an item's fulfilments: licence keys are the entries with a `license`. */
export const ZFulfillmentEntry = z.looseObject({ license: z.string().min(1).max(200) });
