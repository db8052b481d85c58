import "server-only";
import { ENC } from "@/lib/crypto/contexts";
import { db, type TTx } from "@/lib/db";
import { encryptOptional } from "@/lib/crypto/encryption";
import { hashToken, newId, randomToken } from "@/lib/crypto/tokens";

// Server-side sessions for every kind of user. The cookie carries (inside the Auth.js token) a
// random token; only its keyed hash is stored. Every request re-checks the row, so a session can
// be revoked at once and ends when idle or too old.

export type TSessionKind = "agent" | "agent_pending" | "buyer" | "ticket";

const TOUCH_EVERY_MS = 60_000;

/** Opens a session; returns the token to hand to the client. */
export async function openSession(
  tx: TTx,
  input: {
    kind: TSessionKind;
    agentId?: string;
    customerId?: string;
    ticketId?: string;
    ip: string | null;
    userAgent: string | null;
    absoluteMs: number;
  },
): Promise<string> {
  const token = randomToken();
  await tx.session.create({
    data: {
      id: newId(),
      tokenHash: hashToken(token),
      kind: input.kind,
      agentId: input.agentId ?? null,
      customerId: input.customerId ?? null,
      ticketId: input.ticketId ?? null,
      ipEnc: encryptOptional(input.ip, ENC.sessionIp),
      userAgent: input.userAgent?.slice(0, 300) ?? null,
      expiresAt: new Date(Date.now() + input.absoluteMs),
    },
  });
  return token;
}

/**
 * The live session row behind a token, or null when unknown, of another kind, revoked, expired or
 * idle for longer than `idleMs` (an idle session is revoked on the spot). Refreshes `lastSeenAt`
 * at most once a minute.
 */
export async function findLiveSession(token: string, kind: TSessionKind, idleMs: number, now = new Date()) {
  const session = await db().session.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      id: true,
      kind: true,
      agentId: true,
      customerId: true,
      ticketId: true,
      revokedAt: true,
      expiresAt: true,
      lastSeenAt: true,
      secondFactorAt: true,
    },
  });
  if (!session || session.kind !== kind || session.revokedAt || session.expiresAt <= now) return null;
  const idleFor = now.getTime() - session.lastSeenAt.getTime();
  if (idleFor > idleMs) {
    await db().session.update({ where: { id: session.id }, data: { revokedAt: now } });
    return null;
  }
  if (idleFor > TOUCH_EVERY_MS) await db().session.update({ where: { id: session.id }, data: { lastSeenAt: now } });
  return session;
}

/** Ends one session. */
export async function revokeSession(sessionId: string): Promise<void> {
  await db().session.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: new Date() } });
}

/** Ends the session behind a token, whatever its kind (Auth.js sign-out, which knows only the cookie). */
export async function revokeSessionByToken(token: string): Promise<void> {
  await db().session.updateMany({
    where: { tokenHash: hashToken(token), revokedAt: null },
    data: { revokedAt: new Date() },
  });
}
