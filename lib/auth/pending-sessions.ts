import "server-only";
import { ENC } from "@/lib/crypto/contexts";
import { db, type TTx } from "@/lib/db";
import { decrypt } from "@/lib/crypto/encryption";
import { findLiveSession, openSession } from "@/lib/auth/sessions";
import type { TPendingAgent } from "@/lib/auth/types";

/** How long the password step holds: the second factor must follow within this time. */
export const PENDING_SESSION_MS = 10 * 60_000;

/**
 * Opens a "second factor pending" session after a correct password. It is a session kind of its
 * own, so every guard that asks for an agent session (`validateAgentSession`) refuses it.
 */
export function createPendingAgentSession(
  tx: TTx,
  input: { agentId: string; ip: string | null; userAgent: string | null },
): Promise<string> {
  return openSession(tx, { kind: "agent_pending", ...input, absoluteMs: PENDING_SESSION_MS });
}

/** The agent behind a pending session token, or null (unknown, revoked, expired, agent disabled). */
export async function validatePendingAgentSession(token: string, now = new Date()): Promise<TPendingAgent | null> {
  const session = await findLiveSession(token, "agent_pending", PENDING_SESSION_MS, now);
  if (!session?.agentId) return null;
  const agent = await db().agent.findUnique({
    where: { id: session.agentId },
    select: {
      id: true,
      name: true,
      role: true,
      emailEnc: true,
      disabledAt: true,
      totpEnabledAt: true,
      _count: { select: { passkeys: true } },
    },
  });
  if (!agent || agent.disabledAt) return null;
  return {
    sessionId: session.id,
    agentId: agent.id,
    name: agent.name,
    email: decrypt(agent.emailEnc, ENC.agentEmail),
    role: agent.role,
    enrolled: agent.totpEnabledAt !== null,
    passkeys: agent._count.passkeys,
    verified: session.secondFactorAt !== null,
  };
}

/** Records on a pending session that its second factor was given (inside the caller's transaction). */
export async function markSecondFactorGiven(tx: TTx, sessionId: string): Promise<void> {
  await tx.session.updateMany({
    where: { id: sessionId, kind: "agent_pending", revokedAt: null },
    data: { secondFactorAt: new Date() },
  });
}
