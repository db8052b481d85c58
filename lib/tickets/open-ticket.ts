import "server-only";
import { AppError } from "@/lib/errors";
import type { TRequestMeta } from "@/lib/http/request-meta";
import { createBuyerTicket } from "@/lib/tickets/create-buyer-ticket";
import { createGuestTicket, type TTicketCreated } from "@/lib/tickets/create-guest-ticket";
import type { TTicketAccess } from "@/lib/tickets/ticket-access";
import type { TOpenTicketInput } from "@/lib/tickets/schemas";

/**
 * `openTicket(access, input, meta)` — the support form. Who is signed in decides what the ticket
 * is: a signed-in buyer's is confirmed at once under the session's address (`verified: true`); anyone
 * else's — a stranger, or a guest whose session opens one other ticket — is a guest ticket, saved
 * unconfirmed until the mailed link is used, behind the honeypot and the proof of work.
 */
export async function openTicket(
  access: TTicketAccess | null,
  input: TOpenTicketInput,
  meta: TRequestMeta,
): Promise<TTicketCreated> {
  const { email, website, pow, attachments, orderId, orderNumber, name, ...ticket } = input;
  if (access?.kind === "buyer") return createBuyerTicket(access.buyer, { ...ticket, orderId, attachments }, meta);
  // The buyer's form has no address field; posted without a buyer session (it expired), the address is missing.
  if (email === undefined && !website?.trim()) {
    throw new AppError("invalid_input", "Please correct the highlighted fields.", {
      fieldErrors: { email: ["Enter your e-mail address"] },
      key: "fixFields",
      fieldKeys: { email: "enterEmail" },
    });
  }
  return createGuestTicket(
    { ...ticket, email: email ?? "", name, orderNumber, channel: "form", website, pow, attachments },
    meta,
  );
}
