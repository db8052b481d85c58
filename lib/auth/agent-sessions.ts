import "server-only";
import { ENC } from "@/lib/crypto/contexts";
import { db, type TTx } from "@/lib/db";
import { decrypt } from "@/lib/crypto/encryption";
import { env } from "@/lib/env";
import { findLiveSession, openSession, revokeSession } from "@/lib/auth/sessions";
import type { TAgentSession } from "@/lib/auth/types";

/** Opens a session for an agent who just proved who they are; returns the token for the cookie. */
export function createAgentSession(
  tx: TTx,
  input: { agentId: string; ip: string | null; userAgent: string | null },
): Promise<string> {
  return openSession(tx, { kind: "agent", ...input, absoluteMs: env().agentAbsoluteMs });
}

/**
 * The agent behind a session token, or null when the session is unknown, revoked, past its
 * absolute lifetime, idle for too long, or its agent is disabled.
 */
export async function validateAgentSession(token: string, now = new Date()): Promise<TAgentSession | null> {
  const session = await findLiveSession(token, "agent", env().agentIdleMs, now);
  if (!session?.agentId) return null;
  const agent = await db().agent.findUnique({
    where: { id: session.agentId },
    select: { id: true, name: true, role: true, emailEnc: true, disabledAt: true },
  });
  if (!agent || agent.disabledAt) return null;
  return {
    sessionId: session.id,
    agentId: agent.id,
    name: agent.name,
    email: decrypt(agent.emailEnc, ENC.agentEmail),
    role: agent.role,
  };
}

/** Ends one session (sign-out). */
export const revokeAgentSession = revokeSession;

/**
 * Ends every open session of an agent, pending sign-ins included ("sign out everywhere", agent
 * disabled, second factor reset).
 */
export async function revokeAllAgentSessions(agentId: string, tx?: TTx): Promise<number> {
  const result = await (tx ?? db()).session.updateMany({
    where: { agentId, kind: { in: ["agent", "agent_pending"] }, revokedAt: null, expiresAt: { gt: new Date() } },
    data: { revokedAt: new Date() },
  });
  return result.count;
}
