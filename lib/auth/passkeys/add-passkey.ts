import "server-only";
import { isoBase64URL } from "@simplewebauthn/server/helpers";
import { verifyRegistrationResponse } from "@simplewebauthn/server";
import { db } from "@/lib/db";
import { newId } from "@/lib/crypto/tokens";
import { relyingParty } from "@/lib/auth/passkeys/relying-party";
import { takeChallenge } from "@/lib/auth/passkeys/challenges";
import { countPasskeyRequest } from "@/lib/auth/passkeys/limits";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { AppError } from "@/lib/errors";
import type { TAgentSession } from "@/lib/auth/types";
import type { TRequestMeta } from "@/lib/http/request-meta";
import type { TPasskeyRegistrationInput } from "@/lib/auth/passkeys/schemas";

export const PASSKEY_NOT_ADDED = "The passkey could not be added. Try again.";

/**
 * `addPasskey(agent, { challengeId, name, response }, meta)`: checks the browser's answer to the
 * registration options (this session's challenge, used once; APP_URL's origin and host; user
 * verification) and stores the credential with its public key under the agent. Audited.
 */
export async function addPasskey(
  agent: TAgentSession,
  input: TPasskeyRegistrationInput,
  meta: TRequestMeta,
): Promise<{ passkeyId: string }> {
  await countPasskeyRequest(meta, agent.agentId);
  const expectedChallenge = await takeChallenge(input.challengeId, {
    purpose: "register",
    sessionId: agent.sessionId,
    agentId: agent.agentId,
  });
  const { rpID, origin } = relyingParty();
  const verification = await verifyRegistrationResponse({
    response: input.response,
    expectedChallenge,
    expectedOrigin: origin,
    expectedRPID: rpID,
    requireUserVerification: true,
  }).catch(() => null);
  if (!verification?.verified) throw new AppError("invalid_input", PASSKEY_NOT_ADDED);
  const { credential, credentialDeviceType, credentialBackedUp } = verification.registrationInfo;

  const passkeyId = newId();
  await db().$transaction(async (tx) => {
    const taken = await tx.agentPasskey.findUnique({ where: { credentialId: credential.id }, select: { id: true } });
    if (taken) throw new AppError("conflict", "This passkey is already registered.");
    await tx.agentPasskey.create({
      data: {
        id: passkeyId,
        agentId: agent.agentId,
        credentialId: credential.id,
        publicKey: isoBase64URL.fromBuffer(credential.publicKey),
        counter: BigInt(credential.counter),
        transports: credential.transports?.join(",") || null,
        name: input.name,
        deviceType: credentialDeviceType,
        backedUp: credentialBackedUp,
      },
    });
    await recordAuditEvent(
      {
        actorType: "agent",
        actorId: agent.agentId,
        action: "agent.passkey_enrolled",
        targetType: "passkey",
        targetId: passkeyId,
        ip: meta.ip,
        userAgent: meta.userAgent,
        metadata: { deviceType: credentialDeviceType, backedUp: credentialBackedUp },
      },
      tx,
    );
  });
  return { passkeyId };
}
