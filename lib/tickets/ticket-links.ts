import "server-only";
import type { TTx } from "@/lib/db";
import { hashToken, newId, randomToken } from "@/lib/crypto/tokens";
import { env } from "@/lib/env";

export type TTicketLinkPurpose = "ticket_confirm" | "ticket_access";

/** A guest has a week to confirm a new ticket; a "you have a reply" link works for three days. */
export const TICKET_LINK_TTL_MS: Record<TTicketLinkPurpose, number> = {
  ticket_confirm: 7 * 24 * 3600_000,
  ticket_access: 3 * 24 * 3600_000,
};

/**
 * Creates a single-use link to one ticket (stored only as a keyed hash; the ticket id is the
 * token's identifier) inside the caller's transaction, and returns its URL for the mail.
 */
export async function createTicketLink(
  tx: TTx,
  input: { ticketId: string; purpose: TTicketLinkPurpose },
): Promise<string> {
  const token = randomToken();
  await tx.verificationToken.create({
    data: {
      id: newId(),
      tokenHash: hashToken(token),
      purpose: input.purpose,
      identifier: input.ticketId,
      expiresAt: new Date(Date.now() + TICKET_LINK_TTL_MS[input.purpose]),
    },
  });
  return `${env().appUrl}/support/access?token=${encodeURIComponent(token)}`;
}
