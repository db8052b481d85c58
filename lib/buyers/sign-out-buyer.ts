import "server-only";
import { revokeSession } from "@/lib/auth/sessions";
import { revokeBuyerSessions } from "@/lib/auth/buyer-sessions";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { TBuyerSession } from "@/lib/auth/types";

/**
 * Signs a buyer out of this browser ("this") or out of every browser ("everywhere" — all their
 * sessions, this one included, e.g. after using a shared computer). Returns the number ended.
 */
export async function signOutBuyerSession(buyer: TBuyerSession, scope: "this" | "everywhere"): Promise<number> {
  let ended = 1;
  if (scope === "everywhere") ended = await revokeBuyerSessions(buyer.customerId);
  else await revokeSession(buyer.sessionId);
  await recordAuditEvent({
    actorType: "customer",
    actorId: buyer.customerId,
    customerId: buyer.customerId,
    action: scope === "everywhere" ? "buyer.sign_out_everywhere" : "buyer.sign_out",
    metadata: { sessions: ended },
  });
  return ended;
}
