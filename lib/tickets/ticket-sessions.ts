import "server-only";
import type { TTx } from "@/lib/db";
import { env } from "@/lib/env";
import { findLiveSession, openSession } from "@/lib/auth/sessions";

/** A guest's session for one ticket (opened by a mailed single-use link). */
export interface TTicketSession {
  sessionId: string;
  ticketId: string;
}

/** Opens a session scoped to one ticket; same idle and absolute limits as buyer sessions. */
export function createTicketSession(
  tx: TTx,
  input: { ticketId: string; ip: string | null; userAgent: string | null },
): Promise<string> {
  return openSession(tx, { kind: "ticket", ...input, absoluteMs: env().buyerAbsoluteMs });
}

/** The ticket a session token opens, or null (unknown, revoked, expired, idle, another kind). */
export async function validateTicketSession(token: string, now = new Date()): Promise<TTicketSession | null> {
  const session = await findLiveSession(token, "ticket", env().buyerIdleMs, now);
  if (!session?.ticketId) return null;
  return { sessionId: session.id, ticketId: session.ticketId };
}
