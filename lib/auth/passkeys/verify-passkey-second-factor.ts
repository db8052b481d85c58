import "server-only";
import { takeChallenge } from "@/lib/auth/passkeys/challenges";
import { verifyPasskeyAssertion } from "@/lib/auth/passkeys/verify-passkey-assertion";
import { countSecondFactorAttempt } from "@/lib/auth/second-factor-attempts";
import { finishSecondFactor } from "@/lib/auth/finish-second-factor";
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
  await finishSecondFactor(
    pending,
    "passkey",
    meta,
    async (tx) => {
      const used = await verifyPasskeyAssertion(
        tx,
        { response: input.response, expectedChallenge, agentId: pending.agentId, requireUserVerification: false },
        meta,
      );
      return used !== null;
    },
    () => new AppError("unauthorized", PASSKEY_REFUSED),
  );
}
