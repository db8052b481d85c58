import "server-only";
import { z } from "zod";

// The parts of PayPal's webhook events (v2) and Orders API answers the connector reads. Amounts
// are decimal strings in `{ currency_code, value }`. Unknown fields pass through untouched.

const id = z.string().min(1).max(255);
const text = z.string().max(1000);

export const ZPayPalMoney = z.looseObject({ currency_code: z.string(), value: z.string() });

export const ZPayPalEvent = z.looseObject({
  id,
  event_type: z.string().min(1).max(200),
  create_time: z.string().max(64).optional(),
  resource: z.looseObject({}),
});

const ZLink = z.looseObject({ href: z.string(), rel: z.string() });

export const ZPayPalCapture = z.looseObject({
  id,
  status: z.string().optional(),
  amount: ZPayPalMoney,
  invoice_id: text.nullish(),
  create_time: z.string().optional(),
  supplementary_data: z.looseObject({ related_ids: z.looseObject({ order_id: id.optional() }).optional() }).optional(),
  links: z.array(ZLink).optional(),
});

export const ZPayPalRefund = z.looseObject({
  id,
  status: z.string().optional(),
  amount: ZPayPalMoney.optional(),
  seller_payable_breakdown: z.looseObject({ total_refunded_amount: ZPayPalMoney.optional() }).optional(),
  links: z.array(ZLink).optional(),
});

export const ZPayPalDispute = z.looseObject({
  dispute_id: id,
  disputed_transactions: z.array(z.looseObject({ seller_transaction_id: id.optional() })).default([]),
});

const ZPayPalItem = z.looseObject({
  name: text,
  sku: text.optional(),
  quantity: z.string().regex(/^\d+$/),
  unit_amount: ZPayPalMoney,
  tax: ZPayPalMoney.optional(),
});

export const ZPayPalOrder = z.looseObject({
  id,
  status: z.string().optional(),
  payer: z
    .looseObject({
      email_address: text.optional(),
      payer_id: id.optional(),
      name: z.looseObject({ given_name: text.optional(), surname: text.optional() }).optional(),
    })
    .optional(),
  purchase_units: z
    .array(
      z.looseObject({
        reference_id: text.optional(),
        items: z.array(ZPayPalItem).optional(),
        shipping: z
          .looseObject({
            address: z
              .looseObject({
                address_line_1: text.optional(),
                address_line_2: text.optional(),
                admin_area_2: text.optional(),
                admin_area_1: text.optional(),
                postal_code: text.optional(),
                country_code: text.optional(),
              })
              .optional(),
          })
          .optional(),
        payments: z.looseObject({ captures: z.array(z.looseObject({ id })).optional() }).optional(),
      }),
    )
    .default([]),
});
export type TPayPalOrder = z.infer<typeof ZPayPalOrder>;

export const ZPayPalToken = z.looseObject({ access_token: z.string().min(1), expires_in: z.number().int().positive() });

export const ZPayPalVerification = z.looseObject({ verification_status: z.string() });
