import "server-only";
import { z } from "zod";

export const REFUND_REASONS = ["duplicate", "not_working", "not_as_described", "other"] as const;
export type TRefundReason = (typeof REFUND_REASONS)[number];

/** Buyer-facing labels of the reasons, in the order the form shows them. */
export const REFUND_REASON_LABELS: Record<TRefundReason, string> = {
  duplicate: "I ordered twice by mistake",
  not_working: "It does not work / technical problem",
  not_as_described: "It is not as described",
  other: "Another reason",
};

const ZId = z.string().min(1).max(64);

/** A buyer's refund request as the form sends it. */
export const ZRefundRequestInput = z.object({
  orderId: ZId,
  itemIds: z.array(ZId).min(1, "Choose at least one item to refund.").max(100),
  reason: z.enum(REFUND_REASONS, { error: "Choose a reason." }),
  note: z.string().max(2000, "Please keep it under 2,000 characters.").default(""),
  idempotencyKey: z.string().regex(/^[A-Za-z0-9_-]{16,100}$/, "This form has expired. Reload the page and try again."),
});
export type TRefundRequestInput = z.input<typeof ZRefundRequestInput>;

/** An agent's decision on a request. */
export const ZRefundDecisionInput = z.object({
  refundId: ZId,
  /** The items to refund (a subset = partial refund); empty or absent: all requested items. */
  itemIds: z.array(ZId).max(100).default([]),
  note: z.string().trim().max(2000, "Please keep it under 2,000 characters.").default(""),
});
