import "server-only";
import { z } from "zod";
import { parseOrThrow } from "@/lib/errors";

// The order contract of SPEC §2 (webhook body, one JSON Lines record, one grouped CSV order).
// Unknown fields are ignored so stores can send more than we read; every string has a length
// limit so a hostile payload cannot fill the database.

export const ORDER_STATUSES = ["paid", "refunded", "partially_refunded", "cancelled", "chargeback"] as const;
export const ITEM_STATUSES = ["paid", "refunded"] as const;

/** Largest total an order may have (the database column is a 32-bit integer of minor units). */
export const MAX_ORDER_TOTAL = 2_147_483_647;

function typeError(expected: string) {
  return (issue: { input?: unknown }) => (issue.input === undefined ? "This field is required" : `Must be ${expected}`);
}

function text(max: number, min = 1) {
  return z
    .string({ error: typeError("text") })
    .trim()
    .min(min, min === 1 ? "Must not be empty" : `Must be at least ${min} characters`)
    .max(max, `Must be at most ${max} characters`);
}

/** Optional text: missing, null or blank all mean "not given". */
function optionalText(max: number) {
  return z.preprocess(
    (value) => (value === null || (typeof value === "string" && value.trim() === "") ? undefined : value),
    text(max).optional(),
  );
}

export const ZAddress = z.object({
  line1: text(200),
  line2: optionalText(200),
  city: text(100),
  region: optionalText(100),
  postalCode: text(20),
  country: text(60, 2),
});

export const ZCustomer = z.object({
  email: z
    .string({ error: typeError("an e-mail address") })
    .trim()
    .max(254, "Must be at most 254 characters")
    .pipe(z.email({ error: "Must be a valid e-mail address, e.g. name@example.com" })),
  name: text(200),
  phone: optionalText(40),
  address: ZAddress.optional(),
  /** Not in the original contract: the buyer's newsletter choice at checkout (optional). */
  newsletter: z.boolean({ error: typeError("true or false") }).optional(),
});

export const ZOrderItem = z.object({
  sku: text(64),
  name: text(200),
  quantity: z
    .number({ error: typeError("a whole number") })
    .int("Must be a whole number")
    .min(1, "Must be at least 1")
    .max(10_000, "Must be at most 10000"),
  unitAmount: z
    .number({ error: typeError("a whole number of minor units (cents)") })
    .int("Must be a whole number of minor units (cents), e.g. 4900 for 49.00")
    .min(0, "Must not be negative")
    .max(100_000_000, "Must be at most 100000000"),
  licenseKeys: z
    .array(text(200), { error: typeError("a list of licence keys") })
    .max(1000, "At most 1000 keys per item")
    .default([]),
  status: z.enum(ITEM_STATUSES, { error: `Must be one of: ${ITEM_STATUSES.join(", ")}` }).optional(),
});

export const ZOrderPayload = z
  .object({
    source: text(64).regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "Use letters, digits, dots, dashes or underscores"),
    externalId: text(128),
    number: text(64),
    placedAt: z.iso.datetime({ offset: true, error: "Must be an ISO 8601 date and time, e.g. 2026-11-01T10:00:00Z" }),
    status: z.enum(ORDER_STATUSES, { error: `Must be one of: ${ORDER_STATUSES.join(", ")}` }),
    currency: z
      .string({ error: typeError("a currency code") })
      .trim()
      .regex(/^[A-Za-z]{3}$/, "Must be a three-letter ISO 4217 currency code, e.g. EUR")
      .transform((c) => c.toUpperCase()),
    customer: ZCustomer,
    items: z
      .array(ZOrderItem, { error: typeError("a list of items") })
      .min(1, "An order needs at least one item")
      .max(100, "At most 100 items per order"),
  })
  .superRefine((order, ctx) => {
    const total = order.items.reduce((sum, item) => sum + item.quantity * item.unitAmount, 0);
    if (total > MAX_ORDER_TOTAL)
      ctx.addIssue({ code: "custom", path: ["items"], message: "The order total is too large" });
  });

/** A validated order as `ingestOrder` takes it. */
export type TOrderPayload = z.output<typeof ZOrderPayload>;
/** An order as a store sends it (before defaults and normalisation). */
export type TOrderPayloadInput = z.input<typeof ZOrderPayload>;
export type TOrderStatus = (typeof ORDER_STATUSES)[number];

/** Validates an order; throws an `invalid_input` AppError with per-field errors ("items.0.quantity"). */
export function parseOrderPayload(input: unknown): TOrderPayload {
  return parseOrThrow<TOrderPayload>(ZOrderPayload, input, "Some fields of the order are missing or invalid.");
}

/**
 * Which of the buyer's orders a page asks for: by number (optionally narrowed to a source), by id,
 * or both. It comes from the URL, so every part is bounded.
 */
export const ZBuyerOrderLookup = z
  .object({
    // Up to 3× the 64 characters of a number: the URL segment may still be percent-encoded.
    number: z.string().trim().min(1).max(200).optional(),
    source: z.string().trim().min(1).max(100).optional(),
    orderId: z.string().min(1).max(64).optional(),
  })
  .refine((lookup) => lookup.number !== undefined || lookup.orderId !== undefined);
export type TBuyerOrderLookup = z.input<typeof ZBuyerOrderLookup>;

/** An agent's order search (the `q` of the orders page). */
export const ZOrderSearch = z.object({
  query: z
    .string({ error: "Enter an order number, e-mail address or licence key" })
    .trim()
    .min(1, "Enter an order number, e-mail address or licence key")
    .max(200, "Must be at most 200 characters"),
});
export type TOrderSearchInput = z.input<typeof ZOrderSearch>;

/** One order by its id (agent console). */
export const ZOrderRef = z.object({ orderId: z.string().min(1).max(64) });
export type TOrderRef = z.infer<typeof ZOrderRef>;

/** The billing address as `addressJson` stores it (encrypted JSON on the order). */
export const ZStoredAddress = z.object({
  line1: z.string(),
  line2: z
    .string()
    .nullish()
    .transform((value) => value ?? null),
  city: z.string(),
  region: z
    .string()
    .nullish()
    .transform((value) => value ?? null),
  postalCode: z.string(),
  country: z.string(),
});
export type TStoredAddress = z.infer<typeof ZStoredAddress>;
