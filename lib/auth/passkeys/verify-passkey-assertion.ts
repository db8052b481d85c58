import "server-only";
import { isoBase64URL } from "@simplewebauthn/server/helpers";
import { verifyAuthenticationResponse, type AuthenticationResponseJSON } from "@simplewebauthn/server";
import type { TTx } from "@/lib/db";
import { relyingParty } from "@/lib/auth/passkeys/relying-party";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { TRequestMeta } from "@/lib/http/request-meta";

/**
 * Checks a browser's signature with a stored passkey and moves its counter on, inside the caller's
 * transaction. Returns the agent and passkey, or null for anything wrong: an unknown credential, one
 * of another agent (when `agentId` is given), a user handle that is not its owner's, a signature
 * for another origin or host, a challenge that is not `expectedChallenge`, no user verification
 * when required, or a counter that did not go up (a cloned authenticator). Audits the use.
 */
export async function verifyPasskeyAssertion(
  tx: TTx,
  input: {
    response: AuthenticationResponseJSON;
    expectedChallenge: string;
    agentId: string | null;
    requireUserVerification: boolean;
  },
  meta: TRequestMeta,
): Promise<{ agentId: string; passkeyId: string } | null> {
  const passkey = await tx.agentPasskey.findUnique({
    where: { credentialId: input.response.id },
    select: { id: true, agentId: true, credentialId: true, publicKey: true, counter: true, transports: true },
  });
  if (!passkey || (input.agentId !== null && passkey.agentId !== input.agentId)) return null;
  const userHandle = input.response.response.userHandle;
  if (userHandle && isoBase64URL.toUTF8String(userHandle) !== passkey.agentId) return null;

  const { rpID, origin } = relyingParty();
  const verification = await verifyAuthenticationResponse({
    response: input.response,
    expectedChallenge: input.expectedChallenge,
    expectedOrigin: origin,
    expectedRPID: rpID,
    requireUserVerification: input.requireUserVerification,
    credential: {
      id: passkey.credentialId,
      publicKey: isoBase64URL.toBuffer(passkey.publicKey),
      counter: Number(passkey.counter),
      transports: passkey.transports ? passkey.transports.split(",") : undefined,
    },
  }).catch(() => null);
  if (!verification?.verified) return null;

  // Claim the counter atomically: of two sign-ins racing with one signature, only one moves it.
  const { newCounter } = verification.authenticationInfo;
  const claimed = await tx.agentPasskey.updateMany({
    where: { id: passkey.id, counter: passkey.counter },
    data: { counter: BigInt(newCounter), lastUsedAt: new Date() },
  });
  if (claimed.count !== 1) return null;
  await recordAuditEvent(
    {
      actorType: "agent",
      actorId: passkey.agentId,
      action: "agent.passkey_used",
      targetType: "passkey",
      targetId: passkey.id,
      ip: meta.ip,
      userAgent: meta.userAgent,
      metadata: { userVerified: verification.authenticationInfo.userVerified },
    },
    tx,
  );
  return { agentId: passkey.agentId, passkeyId: passkey.id };
}
