import "server-only";
import { revokeSession } from "@/lib/auth/sessions";
import { revokeBuyerSessions } from "@/lib/auth/buyer-sessions";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { TBuyerSession } from "@/lib/auth/types";
import type { TRequestMeta } from "@/lib/http/request-meta";

/**
 * `signOutBuyerSession(actor, { scope }, meta)`: signs a buyer out of this browser ("this") or out of every browser ("everywhere" — all their
 * sessions, this one included, e.g. after using a shared computer). Returns the number ended.
 */
export async function signOutBuyerSession(
  buyer: TBuyerSession,
  input: { scope: "this" | "everywhere" },
  meta: TRequestMeta,
): Promise<number> {
  const { scope } = input;
  let ended = 1;
  if (scope === "everywhere") ended = await revokeBuyerSessions(buyer.customerId);
  else await revokeSession(buyer.sessionId);
  await recordAuditEvent({
    actorType: "customer",
    actorId: buyer.customerId,
    customerId: buyer.customerId,
    action: scope === "everywhere" ? "buyer.sign_out_everywhere" : "buyer.sign_out",
    ip: meta.ip,
    userAgent: meta.userAgent,
    metadata: { sessions: ended },
  });
  return ended;
}
