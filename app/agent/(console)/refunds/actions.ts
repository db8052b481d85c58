"use server";
import { headers } from "next/headers";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireAgent } from "@/lib/auth/guards";
import { clientIp, userAgentOf } from "@/lib/http/client-info";
import { formAction, type TFormState } from "@/lib/http/form-action";
import { approveRefund } from "@/lib/refunds/approve-refund";
import { denyRefund } from "@/lib/refunds/deny-refund";
import { recordGatewayReference } from "@/lib/refunds/record-gateway-reference";

const ZDecision = z.object({
  refundId: z.string().min(1).max(64),
  decision: z.enum(["approve", "deny"], { error: "Choose approve or deny." }),
  note: z.string().max(5000).default(""),
});

/** Approves (all or the ticked items) or denies a refund request; the use case decides who wins a race. */
export const decideRefundAction = formAction(
  ZDecision,
  async ({ refundId, decision, note }, formData): Promise<TFormState> => {
    const agent = await requireAgent();
    const requestHeaders = await headers();
    const context = { ip: clientIp(requestHeaders), userAgent: userAgentOf(requestHeaders) };
    let message: string;
    if (decision === "deny") {
      await denyRefund({ agent, refundId, note, ...context });
      message = "Denied. The buyer was told why.";
    } else {
      const itemIds = formData.getAll("itemIds").filter((v): v is string => typeof v === "string");
      if (itemIds.length === 0)
        return {
          status: "error",
          message: "Tick at least one item to refund.",
          fieldErrors: { itemIds: ["Tick at least one item."] },
        };
      const result = await approveRefund({ agent, refundId, itemIds, note, ...context });
      message =
        result.outcome === "approved"
          ? "Approved. Keys and downloads of the refunded items are revoked."
          : "Approval recorded. A second admin must confirm it.";
    }
    revalidatePath("/agent/refunds");
    return { status: "success", message };
  },
);

/** Manual gateway: records the payment processor's refund reference. */
export const recordReferenceAction = formAction(
  z.object({ refundId: z.string().min(1).max(64), reference: z.string().max(500) }),
  async ({ refundId, reference }): Promise<TFormState> => {
    const agent = await requireAgent();
    const requestHeaders = await headers();
    await recordGatewayReference({
      agent,
      refundId,
      reference,
      ip: clientIp(requestHeaders),
      userAgent: userAgentOf(requestHeaders),
    });
    revalidatePath("/agent/refunds");
    return { status: "success", message: "Reference saved; the refund is processed." };
  },
);
