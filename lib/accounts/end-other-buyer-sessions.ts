import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { revokeBuyerSessions } from "@/lib/auth/buyer-sessions";
import type { TBuyerSession } from "@/lib/auth/types";
import type { TRequestMeta } from "@/lib/http/request-meta";

/**
 * `endOtherBuyerSessions(buyer, meta)` — ends every session of the buyer except the current one
 * ("sign out all other browsers"); returns how many ended.
 */
export async function endOtherBuyerSessions(buyer: TBuyerSession, meta: TRequestMeta): Promise<number> {
  const { customerId } = buyer;
  const ended = await revokeBuyerSessions(customerId, buyer.sessionId);
  await recordAuditEvent({
    actorType: "customer",
    actorId: customerId,
    customerId,
    action: "account.other_sessions_ended",
    ip: meta.ip,
    userAgent: meta.userAgent,
    metadata: { sessions: ended },
  });
  return ended;
}
