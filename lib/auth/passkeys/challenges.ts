import "server-only";
import { db } from "@/lib/db";
import { newId } from "@/lib/crypto/tokens";
import { AppError } from "@/lib/errors";

/** How long a browser has to answer WebAuthn options (the options' own timeout is the same). */
export const CHALLENGE_TTL_MS = 5 * 60_000;

export type TChallengePurpose = "register" | "second_factor" | "sign_in";

/** Whom a challenge is bound to: the session that asked for it (none yet for a passwordless sign-in). */
export interface TChallengeBinding {
  purpose: TChallengePurpose;
  sessionId: string | null;
  agentId: string | null;
}

export const STALE_CHALLENGE = "This passkey request has expired or was already used. Try again.";

/** Stores the challenge of options just generated; returns its id, which the browser sends back. */
export async function storeChallenge(binding: TChallengeBinding, challenge: string, now = new Date()): Promise<string> {
  const id = newId();
  // Expired challenges are useless: clear them as new ones are made (no job needed).
  await db().webAuthnChallenge.deleteMany({ where: { expiresAt: { lte: now } } });
  await db().webAuthnChallenge.create({
    data: { id, ...binding, challenge, expiresAt: new Date(now.getTime() + CHALLENGE_TTL_MS) },
  });
  return id;
}

/**
 * Takes a challenge for checking a browser's answer: once only (the row is deleted by the first
 * taker, so a replayed answer finds nothing), before it expires, and only for the purpose and
 * session it was issued to.
 */
export async function takeChallenge(id: string, binding: TChallengeBinding, now = new Date()): Promise<string> {
  const row = await db().webAuthnChallenge.findUnique({
    where: { id },
    select: { challenge: true, purpose: true, sessionId: true, agentId: true, expiresAt: true },
  });
  if (!row) throw new AppError("unauthorized", STALE_CHALLENGE);
  const taken = await db().webAuthnChallenge.deleteMany({ where: { id } });
  if (
    taken.count !== 1 ||
    row.expiresAt <= now ||
    row.purpose !== binding.purpose ||
    row.sessionId !== binding.sessionId ||
    row.agentId !== binding.agentId
  ) {
    throw new AppError("unauthorized", STALE_CHALLENGE);
  }
  return row.challenge;
}
