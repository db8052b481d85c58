import "server-only";
import { emailIndex } from "@/lib/crypto/blind-index";
import type { TBuyerSession } from "@/lib/auth/types";

/**
 * Who is reading a ticket on the buyer side: a signed-in buyer (every ticket of theirs), or a
 * guest holding a session that a mailed link opened for exactly one ticket.
 */
export type TTicketAccess =
  { kind: "buyer"; buyer: TBuyerSession } | { kind: "guest"; sessionId: string; ticketId: string };

/**
 * The ownership condition of every buyer-side ticket query: the buyer's customer id, or a ticket
 * sent from their address (blind index) that was confirmed from that mailbox — an unconfirmed one
 * may have been typed by anyone (a phishing message planted in the buyer's portal) — or the one
 * ticket of a guest session — while that session is still live
 * in the database, so a session ended ("sign out of this request", an admin revoking it) stops
 * working in every query at once, not only at the next guard check. Anything else is "not found".
 */
export function ticketWhereFor(access: TTicketAccess) {
  if (access.kind === "guest") {
    return {
      id: access.ticketId,
      sessions: { some: { id: access.sessionId, revokedAt: null, expiresAt: { gt: new Date() } } },
    };
  }
  return {
    OR: [
      { customerId: access.buyer.customerId },
      { emailHash: emailIndex(access.buyer.email), verifiedAt: { not: null } },
    ],
  };
}

/** The customer id to record as the actor of a buyer-side change (null for a guest). */
export function actorCustomerId(access: TTicketAccess): string | null {
  return access.kind === "buyer" ? access.buyer.customerId : null;
}
