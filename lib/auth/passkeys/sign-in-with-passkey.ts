import "server-only";
import { db } from "@/lib/db";
import { createAgentSession } from "@/lib/auth/agent-sessions";
import { takeChallenge } from "@/lib/auth/passkeys/challenges";
import { countPasskeyRequest } from "@/lib/auth/passkeys/limits";
import { verifyPasskeyAssertion } from "@/lib/auth/passkeys/verify-passkey-assertion";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { AppError } from "@/lib/errors";
import type { TRequestMeta } from "@/lib/http/request-meta";
import type { TPasskeyAssertionInput } from "@/lib/auth/passkeys/schemas";

export const PASSKEY_SIGN_IN_REFUSED = "That passkey did not sign you in. Try again, or use your password.";

/**
 * `signInWithPasskey({ challengeId, response }, meta)` (public, called by Auth.js): a passwordless
 * sign-in. The passkey is something the agent has and, with user verification (required here: a
 * PIN or biometric on the device), something they are or know — both factors at once, so it opens
 * a full agent session. Every refusal gives the same message.
 */
export async function signInWithPasskey(
  input: TPasskeyAssertionInput,
  meta: TRequestMeta,
): Promise<{ agentId: string; sessionToken: string }> {
  await countPasskeyRequest(meta, null);
  const expectedChallenge = await takeChallenge(input.challengeId, {
    purpose: "sign_in",
    sessionId: null,
    agentId: null,
  });
  const opened = await db().$transaction(async (tx) => {
    const used = await verifyPasskeyAssertion(
      tx,
      { response: input.response, expectedChallenge, agentId: null, requireUserVerification: true },
      meta,
    );
    if (!used) return null;
    const agent = await tx.agent.findUniqueOrThrow({ where: { id: used.agentId }, select: { disabledAt: true } });
    if (agent.disabledAt) return null;
    await tx.agent.update({ where: { id: used.agentId }, data: { lastLoginAt: new Date() } });
    await recordAuditEvent(
      {
        actorType: "agent",
        actorId: used.agentId,
        action: "agent.sign_in",
        ip: meta.ip,
        userAgent: meta.userAgent,
        metadata: { method: "passkey" },
      },
      tx,
    );
    const sessionToken = await createAgentSession(tx, {
      agentId: used.agentId,
      ip: meta.ip,
      userAgent: meta.userAgent,
    });
    return { agentId: used.agentId, sessionToken };
  });
  if (!opened) {
    await recordAuditEvent({
      actorType: "system",
      action: "agent.sign_in_failed",
      ip: meta.ip,
      userAgent: meta.userAgent,
      metadata: { reason: "passkey_refused" },
    });
    throw new AppError("unauthorized", PASSKEY_SIGN_IN_REFUSED);
  }
  return opened;
}
