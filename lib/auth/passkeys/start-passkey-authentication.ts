import "server-only";
import { generateAuthenticationOptions, type PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/server";
import { db } from "@/lib/db";
import { relyingParty } from "@/lib/auth/passkeys/relying-party";
import { CHALLENGE_TTL_MS, storeChallenge } from "@/lib/auth/passkeys/challenges";
import { countPasskeyRequest } from "@/lib/auth/passkeys/limits";
import type { TPasskeyOptions } from "@/lib/auth/passkeys/start-passkey-registration";
import type { TPendingAgent } from "@/lib/auth/types";
import type { TRequestMeta } from "@/lib/http/request-meta";

/**
 * `startPasskeySecondFactor(pending, meta)`: after a correct password, the options to sign with one
 * of this agent's passkeys; the challenge is bound to the pending sign-in.
 */
export async function startPasskeySecondFactor(
  pending: TPendingAgent,
  meta: TRequestMeta,
): Promise<TPasskeyOptions<PublicKeyCredentialRequestOptionsJSON>> {
  await countPasskeyRequest(meta, pending.agentId);
  const passkeys = await db().agentPasskey.findMany({
    where: { agentId: pending.agentId },
    select: { credentialId: true, transports: true },
  });
  const options = await generateAuthenticationOptions({
    rpID: relyingParty().rpID,
    timeout: CHALLENGE_TTL_MS,
    userVerification: "preferred",
    allowCredentials: passkeys.map((p) => ({
      id: p.credentialId,
      transports: p.transports ? p.transports.split(",") : undefined,
    })),
  });
  const challengeId = await storeChallenge(
    { purpose: "second_factor", sessionId: pending.sessionId, agentId: pending.agentId },
    options.challenge,
  );
  return { challengeId, options };
}

/**
 * `startPasskeySignIn(meta)` (public): the options for a passwordless sign-in — no credential list
 * (the browser offers the discoverable passkeys it holds for this site, so nothing tells which
 * accounts exist), user verification required.
 */
export async function startPasskeySignIn(
  meta: TRequestMeta,
): Promise<TPasskeyOptions<PublicKeyCredentialRequestOptionsJSON>> {
  await countPasskeyRequest(meta, null);
  const options = await generateAuthenticationOptions({
    rpID: relyingParty().rpID,
    timeout: CHALLENGE_TTL_MS,
    userVerification: "required",
  });
  const challengeId = await storeChallenge({ purpose: "sign_in", sessionId: null, agentId: null }, options.challenge);
  return { challengeId, options };
}
