import "server-only";
import { z } from "zod";

// The parts of Paddle Billing's notification payloads the connector reads. Paddle sends amounts
// as strings of minor units ("1999"). Unknown fields pass through untouched.

const id = z.string().min(1).max(255);
const text = z.string().max(1000);
const amount = z.union([z.string().max(30), z.number()]);

export const ZPaddleEvent = z.looseObject({
  event_id: id,
  event_type: z.string().min(1).max(200),
  occurred_at: z.string().max(64),
  notification_id: id.optional(),
  data: z.looseObject({}),
});

export const ZPaddleTransaction = z.looseObject({
  id,
  status: z.string(),
  customer_id: id.nullish(),
  currency_code: z.string(),
  invoice_number: text.nullish(),
  billed_at: z.string().nullish(),
  created_at: z.string(),
  details: z.looseObject({
    totals: z.looseObject({ total: amount, grand_total: amount.nullish() }),
    line_items: z.array(
      z.looseObject({
        id,
        price_id: id.nullish(),
        quantity: z.number().int().min(0),
        totals: z.looseObject({ total: amount }),
        product: z.looseObject({ id: id.nullish(), name: text.nullish() }).nullish(),
      }),
    ),
  }),
});

export const ZPaddleAdjustment = z.looseObject({
  id,
  action: z.string(),
  type: z.string().nullish(),
  transaction_id: id,
  status: z.string(),
  currency_code: z.string(),
  items: z.array(z.looseObject({ item_id: id, type: z.string(), amount: amount.nullish() })).nullish(),
  totals: z.looseObject({ total: amount }).nullish(),
});

export const ZPaddleCustomer = z.looseObject({
  id,
  email: text.nullish(),
  name: text.nullish(),
});
