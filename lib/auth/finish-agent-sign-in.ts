import "server-only";
import { db } from "@/lib/db";
import { createAgentSession } from "@/lib/auth/agent-sessions";
import { validatePendingAgentSession } from "@/lib/auth/pending-sessions";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { AppError } from "@/lib/errors";
import type { TRequestMeta } from "@/lib/http/request-meta";

/**
 * `finishAgentSignIn(pendingToken, meta)` (public, called by Auth.js with the pending session's
 * token from the cookie): once the second factor was given, ends the pending session and opens a
 * full agent session under a new token (the token that went through the password step never
 * becomes a full session). Anything else — no pending session, no second factor yet — is refused.
 */
export async function finishAgentSignIn(
  pendingToken: string,
  meta: TRequestMeta,
): Promise<{ agentId: string; sessionToken: string }> {
  const pending = await validatePendingAgentSession(pendingToken);
  if (!pending?.verified) throw new AppError("unauthorized", "Sign in again.");
  const sessionToken = await db().$transaction(async (tx) => {
    // The pending session is used up once: a second request with the same cookie gets nothing.
    const ended = await tx.session.updateMany({
      where: { id: pending.sessionId, kind: "agent_pending", revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (ended.count !== 1) throw new AppError("unauthorized", "Sign in again.");
    await tx.agent.update({ where: { id: pending.agentId }, data: { lastLoginAt: new Date() } });
    await recordAuditEvent(
      {
        actorType: "agent",
        actorId: pending.agentId,
        action: "agent.sign_in",
        ip: meta.ip,
        userAgent: meta.userAgent,
        metadata: { secondFactor: true },
      },
      tx,
    );
    return createAgentSession(tx, { agentId: pending.agentId, ip: meta.ip, userAgent: meta.userAgent });
  });
  return { agentId: pending.agentId, sessionToken };
}
