import "server-only";
import { db } from "@/lib/db";
import { takeChallenge } from "@/lib/auth/passkeys/challenges";
import { verifyPasskeyAssertion } from "@/lib/auth/passkeys/verify-passkey-assertion";
import { clearSecondFactorAttempts, countSecondFactorAttempt } from "@/lib/auth/second-factor-attempts";
import { markSecondFactorGiven } from "@/lib/auth/pending-sessions";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { AppError } from "@/lib/errors";
import type { TPendingAgent } from "@/lib/auth/types";
import type { TRequestMeta } from "@/lib/http/request-meta";
import type { TPasskeyAssertionInput } from "@/lib/auth/passkeys/schemas";

export const PASSKEY_REFUSED = "That passkey was not accepted. Try again, or use a code from your app.";

/**
 * `verifyPasskeySecondFactor(pending, { challengeId, response }, meta)`: after a correct password,
 * a signature with one of this agent's own passkeys (challenge of this pending sign-in, used once)
 * gives the second factor, just like a code. Throttled and audited like codes.
 */
export async function verifyPasskeySecondFactor(
  pending: TPendingAgent,
  input: TPasskeyAssertionInput,
  meta: TRequestMeta,
): Promise<void> {
  await countSecondFactorAttempt(pending.agentId, meta);
  const expectedChallenge = await takeChallenge(input.challengeId, {
    purpose: "second_factor",
    sessionId: pending.sessionId,
    agentId: pending.agentId,
  });
  const accepted = await db().$transaction(async (tx) => {
    const used = await verifyPasskeyAssertion(
      tx,
      { response: input.response, expectedChallenge, agentId: pending.agentId, requireUserVerification: false },
      meta,
    );
    if (!used) return false;
    await markSecondFactorGiven(tx, pending.sessionId);
    await recordAuditEvent(
      {
        actorType: "agent",
        actorId: pending.agentId,
        action: "agent.second_factor_verified",
        ip: meta.ip,
        userAgent: meta.userAgent,
        metadata: { method: "passkey" },
      },
      tx,
    );
    return true;
  });
  if (!accepted) {
    await recordAuditEvent({
      actorType: "agent",
      actorId: pending.agentId,
      action: "agent.second_factor_failed",
      ip: meta.ip,
      userAgent: meta.userAgent,
      metadata: { method: "passkey" },
    });
    throw new AppError("unauthorized", PASSKEY_REFUSED);
  }
  await clearSecondFactorAttempts(pending.agentId);
}
