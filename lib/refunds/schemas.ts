import "server-only";
import { z } from "zod";
import { zCheckbox, zFormList } from "@/lib/http/form-fields";

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
/** Only used to refresh the order page after a change; never trusted for access. */
const ZOrderNumber = z.string().max(100);
const MAX_ITEMS = 100;

/** The buyer's order whose refund panel is shown. */
export const ZRefundPanelInput = z.object({ orderId: ZId });
export type TRefundPanelInput = z.infer<typeof ZRefundPanelInput>;

/** A buyer's refund request as lib receives it (ticked items arrive as a repeated field). */
export const ZRefundRequestInput = z.object({
  orderId: ZId,
  itemIds: zFormList(ZId)
    .refine((ids) => ids.length > 0, "Choose at least one item to refund.")
    .refine((ids) => ids.length <= MAX_ITEMS, "Choose at most 100 items."),
  reason: z.enum(REFUND_REASONS, { error: "Choose a reason." }),
  note: z.string().max(2000, "Please keep it under 2,000 characters.").default(""),
  idempotencyKey: z.string().regex(/^[A-Za-z0-9_-]{16,100}$/, "This form has expired. Reload the page and try again."),
});
export type TRefundRequestInput = z.infer<typeof ZRefundRequestInput>;
/** The order page's refund form: the request plus the page to refresh. */
export const ZRefundRequestForm = ZRefundRequestInput.extend({ orderNumber: ZOrderNumber });

/** The buyer withdraws one of their pending requests. */
export const ZCancelRefundInput = z.object({ refundId: ZId });
export type TCancelRefundInput = z.infer<typeof ZCancelRefundInput>;
/** The cancel button's form: the request plus the page to refresh. */
export const ZCancelRefundForm = ZCancelRefundInput.extend({ orderNumber: ZOrderNumber });

const ZDecisionNote = z.string().trim().max(2000, "Please keep it under 2,000 characters.").default("");

/**
 * An agent approves a request. The items to refund are the ticked ones (a subset = partial
 * refund); `allItems` is the explicit choice of every requested item. Neither ticked nor "all" is
 * refused by `approveRefund` — nothing is ever refunded by default.
 */
export const ZApproveRefundInput = z.object({
  refundId: ZId,
  itemIds: zFormList(ZId).refine((ids) => ids.length <= MAX_ITEMS, "Choose at most 100 items."),
  allItems: zCheckbox,
  note: ZDecisionNote,
});
export type TApproveRefundInput = z.infer<typeof ZApproveRefundInput>;

/** An agent denies a request; the note (required, checked by `denyRefund`) is the reason the buyer sees. */
export const ZDenyRefundInput = z.object({ refundId: ZId, note: ZDecisionNote });
export type TDenyRefundInput = z.infer<typeof ZDenyRefundInput>;

/** The agent console's decision form: approve or deny (the button pressed) with the approval's fields. */
export const ZRefundDecisionForm = ZApproveRefundInput.extend({
  decision: z.enum(["approve", "deny"], { error: "Choose approve or deny." }),
});

/** Manual gateway: the payment processor's refund reference. */
export const ZRecordGatewayReferenceInput = z.object({
  refundId: ZId,
  reference: z
    .string()
    .trim()
    .min(1, "Enter the payment processor's refund reference.")
    .max(200, "At most 200 characters."),
});
export type TRecordGatewayReferenceInput = z.infer<typeof ZRecordGatewayReferenceInput>;

/** A request's `approvedItems` JSON column as stored: the order item ids an approval covers. */
export const ZStoredApprovedItems = z.array(z.string()).nullable();
