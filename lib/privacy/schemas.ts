import "server-only";
import { z } from "zod";
import { zCheckbox } from "@/lib/http/form-fields";

/** The buyer's request: they must tick "I understand that erasure cannot be undone…" (`confirm`). */
export const ZRequestErasure = z.object({ confirm: zCheckbox });
export type TRequestErasureInput = z.infer<typeof ZRequestErasure>;

/** The erasure form on /account: ask (with the confirmation) or withdraw a pending request. */
export const ZBuyerErasureForm = ZRequestErasure.extend({ intent: z.enum(["request", "cancel"]) });

/** One erasure request an admin decides on. */
export const ZErasureRequestRef = z.object({ requestId: z.string().min(1).max(64) });
export type TErasureRequestRefInput = z.infer<typeof ZErasureRequestRef>;

/** An approval names what happens to the buyer's licence keys. */
export const ZErasureApproval = ZErasureRequestRef.extend({
  keys: z.enum(["keep", "revoke"], { error: "Choose whether the buyer's licence keys stay valid" }),
});
export type TErasureApprovalInput = z.infer<typeof ZErasureApproval>;

/** The decision form on /agent/privacy: "Approve and erase" (with the key choice) or "Deny". */
export const ZErasureDecision = z.discriminatedUnion("decision", [
  ZErasureApproval.extend({ decision: z.literal("approve") }),
  ZErasureRequestRef.extend({ decision: z.literal("deny") }),
]);
