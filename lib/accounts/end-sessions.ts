import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { revokeBuyerSessions } from "@/lib/auth/buyer-sessions";
import { AppError } from "@/lib/errors";
import type { TBuyerSession } from "@/lib/auth/types";

const ZSessionId = z.string().min(1).max(64);

/** Ends one of the buyer's own sessions (another browser); someone else's session is "not found". */
export async function endBuyerSession(input: {
  buyer: TBuyerSession;
  sessionId: unknown;
  ip?: string | null;
  userAgent?: string | null;
}): Promise<void> {
  const sessionId = ZSessionId.safeParse(input.sessionId);
  if (!sessionId.success) throw new AppError("not_found", "That session does not exist.");
  const { customerId } = input.buyer;
  const ended = await db().session.updateMany({
    where: { id: sessionId.data, customerId, kind: "buyer", revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (ended.count === 0) throw new AppError("not_found", "That session has already ended.");
  await recordAuditEvent({
    actorType: "customer",
    actorId: customerId,
    customerId,
    action: "account.session_ended",
    targetType: "session",
    targetId: sessionId.data,
    ip: input.ip,
    userAgent: input.userAgent,
    metadata: { current: sessionId.data === input.buyer.sessionId },
  });
}

/** Ends every session of the buyer except the current one; returns how many ended. */
export async function endOtherBuyerSessions(input: {
  buyer: TBuyerSession;
  ip?: string | null;
  userAgent?: string | null;
}): Promise<number> {
  const { customerId } = input.buyer;
  const ended = await revokeBuyerSessions(customerId, input.buyer.sessionId);
  await recordAuditEvent({
    actorType: "customer",
    actorId: customerId,
    customerId,
    action: "account.other_sessions_ended",
    ip: input.ip,
    userAgent: input.userAgent,
    metadata: { sessions: ended },
  });
  return ended;
}
