import "server-only";
import type { TTx } from "@/lib/db";
import { enqueueMail } from "@/lib/mail/enqueue-mail";
import { mailLocale } from "@/lib/mail/mail-context";
import { renderSlottedMailIn } from "@/lib/mail/slotted-render";
import { ticketMail, type TTicketMailKind } from "@/lib/mail/templates/ticket";
import { createTicketLink } from "@/lib/tickets/ticket-links";

// Every ticket mail says only that something happened and where to read it: the reference and a
// link. Never the subject, the message or a reply (SPEC §1.7) — those stay in the portal. It is
// written in the buyer's language: the one the customer chose, else the one the ticket was opened in.

type TTicketRef = { id: string; ref: string; email: string };

async function queueTicketMail(tx: TTx, ticket: TTicketRef, kind: TTicketMailKind, url: string): Promise<void> {
  const row = await tx.ticket.findUnique({
    where: { id: ticket.id },
    select: { locale: true, customer: { select: { locale: true } } },
  });
  const locale = mailLocale(row?.customer?.locale, row?.locale);
  const mail = await renderSlottedMailIn(tx, locale, "ticket", ticketMail, { kind, ref: ticket.ref, url }, [
    "ref",
    "url",
  ]);
  await enqueueMail(tx, { kind: `ticket.${kind}`, to: ticket.email, ...mail });
}

/** Queues "confirm your request" for a guest's new ticket (single-use confirmation link). */
export async function mailTicketConfirmation(tx: TTx, ticket: TTicketRef): Promise<void> {
  const url = await createTicketLink(tx, { ticketId: ticket.id, purpose: "ticket_confirm" });
  await queueTicketMail(tx, ticket, "confirm", url);
}

/** Queues "we received your request" for a signed-in buyer's new ticket. */
export async function mailTicketReceived(tx: TTx, ticket: TTicketRef): Promise<void> {
  const url = await createTicketLink(tx, { ticketId: ticket.id, purpose: "ticket_access" });
  await queueTicketMail(tx, ticket, "received", url);
}

/**
 * Queues "there is a reply" after an agent's public reply — or, for `"link"`, the new link a guest
 * asked for — with a fresh single-use link to the thread.
 */
export async function mailTicketReply(tx: TTx, ticket: TTicketRef, reason: "reply" | "link" = "reply"): Promise<void> {
  const url = await createTicketLink(tx, { ticketId: ticket.id, purpose: "ticket_access" });
  await queueTicketMail(tx, ticket, reason, url);
}
