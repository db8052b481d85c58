import "server-only";
import { generateRegistrationOptions, type PublicKeyCredentialCreationOptionsJSON } from "@simplewebauthn/server";
import { db } from "@/lib/db";
import { relyingParty } from "@/lib/auth/passkeys/relying-party";
import { CHALLENGE_TTL_MS, storeChallenge } from "@/lib/auth/passkeys/challenges";
import { countPasskeyRequest } from "@/lib/auth/passkeys/limits";
import type { TAgentSession } from "@/lib/auth/types";
import type { TRequestMeta } from "@/lib/http/request-meta";

export interface TPasskeyOptions<T> {
  challengeId: string;
  options: T;
}

/**
 * `startPasskeyRegistration(agent, meta)`: the options for adding a passkey to one's own account —
 * a discoverable credential (so it can sign in without an e-mail address) with user verification,
 * none of the agent's existing passkeys again. The challenge is stored bound to this session.
 */
export async function startPasskeyRegistration(
  agent: TAgentSession,
  meta: TRequestMeta,
): Promise<TPasskeyOptions<PublicKeyCredentialCreationOptionsJSON>> {
  await countPasskeyRequest(meta, agent.agentId);
  const { rpID, rpName } = relyingParty();
  const existing = await db().agentPasskey.findMany({
    where: { agentId: agent.agentId },
    select: { credentialId: true },
  });
  const options = await generateRegistrationOptions({
    rpName,
    rpID,
    userName: agent.email,
    userDisplayName: agent.name,
    // The user handle a discoverable passkey hands back at sign-in: the agent's id.
    userID: new TextEncoder().encode(agent.agentId),
    timeout: CHALLENGE_TTL_MS,
    attestationType: "none",
    excludeCredentials: existing.map((p) => ({ id: p.credentialId })),
    authenticatorSelection: { residentKey: "required", userVerification: "required" },
  });
  const challengeId = await storeChallenge(
    { purpose: "register", sessionId: agent.sessionId, agentId: agent.agentId },
    options.challenge,
  );
  return { challengeId, options };
}
