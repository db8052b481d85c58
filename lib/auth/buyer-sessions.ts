import "server-only";
import { ENC } from "@/lib/crypto/contexts";
import { db, type TTx } from "@/lib/db";
import { decrypt, decryptOptional } from "@/lib/crypto/encryption";
import { env } from "@/lib/env";
import { findLiveSession, openSession } from "@/lib/auth/sessions";
import type { TBuyerSession } from "@/lib/auth/types";

/** Opens a buyer session (idle and absolute limits from the environment); returns its token. */
export function createBuyerSession(
  tx: TTx,
  input: { customerId: string; ip: string | null; userAgent: string | null },
): Promise<string> {
  return openSession(tx, { kind: "buyer", ...input, absoluteMs: env().buyerAbsoluteMs });
}

/** The buyer behind a session token, or null (unknown, revoked, expired, idle, or erased customer). */
export async function validateBuyerSession(token: string, now = new Date()): Promise<TBuyerSession | null> {
  const session = await findLiveSession(token, "buyer", env().buyerIdleMs, now);
  if (!session?.customerId) return null;
  const customer = await db().customer.findUnique({
    where: { id: session.customerId },
    select: { id: true, emailEnc: true, erasedAt: true },
  });
  if (!customer || customer.erasedAt) return null;
  return { sessionId: session.id, customerId: customer.id, email: decrypt(customer.emailEnc, ENC.customerEmail) };
}

/**
 * Ends every live session of a buyer except, optionally, the current one ("sign out everywhere"),
 * and every guest session opened by a mailed ticket link on one of their tickets.
 */
export async function revokeBuyerSessions(customerId: string, exceptSessionId?: string, tx?: TTx): Promise<number> {
  const result = await (tx ?? db()).session.updateMany({
    where: {
      customerId,
      kind: "buyer",
      revokedAt: null,
      expiresAt: { gt: new Date() },
      ...(exceptSessionId ? { id: { not: exceptSessionId } } : {}),
    },
    data: { revokedAt: new Date() },
  });
  return result.count + (await revokeCustomerTicketSessions(customerId, tx));
}

/**
 * Ends the guest sessions (opened by a mailed ticket link, see lib/tickets/ticket-sessions.ts) on
 * any ticket of the customer: a browser reading one of the buyer's tickets through such a link
 * loses it together with the buyer's own sessions.
 */
export async function revokeCustomerTicketSessions(customerId: string, tx?: TTx): Promise<number> {
  const result = await (tx ?? db()).session.updateMany({
    where: { kind: "ticket", revokedAt: null, ticket: { is: { customerId } } },
    data: { revokedAt: new Date() },
  });
  return result.count;
}

/** The buyer's recent sign-ins (sessions), newest first, for their access history. */
export async function listBuyerSessions(buyer: TBuyerSession, limit = 20) {
  const sessions = await db().session.findMany({
    where: { customerId: buyer.customerId, kind: "buyer" },
    orderBy: { createdAt: "desc" },
    take: limit,
    select: {
      id: true,
      createdAt: true,
      lastSeenAt: true,
      expiresAt: true,
      revokedAt: true,
      userAgent: true,
      ipEnc: true,
    },
  });
  const now = Date.now();
  return sessions.map(({ ipEnc, ...s }) => ({
    ...s,
    ip: decryptOptional(ipEnc, ENC.sessionIp),
    current: s.id === buyer.sessionId,
    active: !s.revokedAt && s.expiresAt.getTime() > now && now - s.lastSeenAt.getTime() <= env().buyerIdleMs,
  }));
}
