"use server";
import { revalidatePath } from "next/cache";
import { agentAction } from "@/lib/http/actions";
import { approveRefund } from "@/lib/refunds/approve-refund";
import { denyRefund } from "@/lib/refunds/deny-refund";
import { recordGatewayReference } from "@/lib/refunds/record-gateway-reference";
import { ZRecordGatewayReferenceInput, ZRefundDecisionForm } from "@/lib/refunds/schemas";

/** Approves (the ticked items) or denies a refund request; the use cases decide who wins a race. */
export const decideRefundAction = agentAction(ZRefundDecisionForm, async ({ actor, input, meta }) => {
  let message: string;
  if (input.decision === "deny") {
    await denyRefund(actor, input, meta);
    message = "Denied. The buyer was told why.";
  } else {
    const result = await approveRefund(actor, input, meta);
    message =
      result.outcome === "approved"
        ? "Approved. Keys and downloads of the refunded items are revoked."
        : "Approval recorded. A second admin must confirm it.";
  }
  revalidatePath("/agent/refunds");
  return { status: "success", message };
});

/** Manual gateway: records the payment processor's refund reference. */
export const recordReferenceAction = agentAction(ZRecordGatewayReferenceInput, async ({ actor, input, meta }) => {
  await recordGatewayReference(actor, input, meta);
  revalidatePath("/agent/refunds");
  return { status: "success", message: "Reference saved; the refund is processed." };
});
