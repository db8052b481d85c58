import "server-only";
import { revokeSession } from "@/lib/auth/sessions";
import type { TTicketAccess } from "@/lib/tickets/ticket-access";

/**
 * `leaveTicket(access)` — "sign out of this request" on a shared computer: a guest's one-ticket
 * session ends for good (revoked in the database, so a copied cookie stops working too). A signed-in
 * buyer's session is not a ticket session and is left alone. Like every sign-out it is not audited,
 * so it takes no request meta.
 */
export async function leaveTicket(access: TTicketAccess): Promise<void> {
  if (access.kind === "guest") await revokeSession(access.sessionId);
}
