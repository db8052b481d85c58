"use server";
import { adminAction } from "@/lib/http/actions";
import { ZErasureDecision } from "@/lib/privacy/schemas";
import { approveErasure } from "@/lib/privacy/approve-erasure";
import { denyErasure } from "@/lib/privacy/deny-erasure";

/** Approve (with the licence-key choice) or deny an erasure request. */
export const decideErasure = adminAction(ZErasureDecision, async ({ actor, input, meta }) => {
  if (input.decision === "deny") {
    await denyErasure(actor, input, meta);
    return { status: "success", message: "The request was denied." };
  }
  // No revalidation: the decided request keeps showing its outcome until the page is reloaded.
  const counts = await approveErasure(actor, input, meta);
  return {
    status: "success",
    message: `Erased: ${counts.orders} order${counts.orders === 1 ? "" : "s"} anonymised, ${counts.tickets} ticket${counts.tickets === 1 ? "" : "s"} cleared, ${counts.keysRevoked} licence key${counts.keysRevoked === 1 ? "" : "s"} revoked. The buyer is being notified.`,
  };
});
