import "server-only";
import { db } from "@/lib/db";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { AppError } from "@/lib/errors";
import type { TBuyerSession } from "@/lib/auth/types";
import type { TRequestMeta } from "@/lib/http/request-meta";
import type { TEndSessionInput } from "@/lib/accounts/schemas";

/**
 * `endBuyerSession(buyer, input, meta)` — ends one of the buyer's own sessions (another browser);
 * someone else's session is "not found" and stays alive.
 */
export async function endBuyerSession(
  buyer: TBuyerSession,
  input: TEndSessionInput,
  meta: TRequestMeta,
): Promise<void> {
  const { customerId } = buyer;
  const ended = await db().session.updateMany({
    where: { id: input.sessionId, customerId, kind: "buyer", revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (ended.count === 0) throw new AppError("not_found", "That session has already ended.", { key: "sessionEnded" });
  await recordAuditEvent({
    actorType: "customer",
    actorId: customerId,
    customerId,
    action: "account.session_ended",
    targetType: "session",
    targetId: input.sessionId,
    ip: meta.ip,
    userAgent: meta.userAgent,
    metadata: { current: input.sessionId === buyer.sessionId },
  });
}
