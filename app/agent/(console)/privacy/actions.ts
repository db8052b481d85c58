"use server";
import { headers } from "next/headers";
import { z } from "zod";
import { requireAdmin } from "@/lib/auth/guards";
import { formAction, type TFormState } from "@/lib/http/form-action";
import { clientIp, userAgentOf } from "@/lib/http/client-info";
import { approveErasure } from "@/lib/privacy/approve-erasure";
import { denyErasure } from "@/lib/privacy/deny-erasure";

/** Approve (with the licence-key choice) or deny an erasure request. */
export const decideErasure = formAction(
  z.object({
    requestId: z.string().max(64),
    decision: z.enum(["approve", "deny"]),
    keys: z.string().max(10).optional(),
  }),
  async ({ requestId, decision, keys }): Promise<TFormState> => {
    const agent = await requireAdmin();
    const h = await headers();
    const context = { agent, requestId, ip: clientIp(h), userAgent: userAgentOf(h) };
    if (decision === "deny") {
      await denyErasure(context);
      return { status: "success", message: "The request was denied." };
    }
    // No revalidation: the decided request keeps showing its outcome until the page is reloaded.
    const counts = await approveErasure({ ...context, keys });
    return {
      status: "success",
      message: `Erased: ${counts.orders} order${counts.orders === 1 ? "" : "s"} anonymised, ${counts.tickets} ticket${counts.tickets === 1 ? "" : "s"} cleared, ${counts.keysRevoked} licence key${counts.keysRevoked === 1 ? "" : "s"} revoked. The buyer is being notified.`,
    };
  },
);
