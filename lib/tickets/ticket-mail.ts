import "server-only";
import type { TTx } from "@/lib/db";
import { enqueueMail } from "@/lib/mail/enqueue-mail";
import { renderMail } from "@/lib/mail/render";
import { createTicketLink } from "@/lib/tickets/ticket-links";

// Every ticket mail says only that something happened and where to read it: the reference and a
// link. Never the subject, the message or a reply (SPEC §1.7) — those stay in the portal.

const FOOTER =
  "For your privacy we never send the conversation by e-mail. Replies to this address are not read: answer in the support portal.";

/** Queues "confirm your request" for a guest's new ticket (single-use confirmation link). */
export async function mailTicketConfirmation(
  tx: TTx,
  ticket: { id: string; ref: string; email: string },
): Promise<void> {
  const url = await createTicketLink(tx, { ticketId: ticket.id, purpose: "ticket_confirm" });
  const body = renderMail({
    preheader: `Confirm support request ${ticket.ref} so our team can answer it.`,
    heading: `Please confirm your support request ${ticket.ref}`,
    paragraphs: [
      `We received a support request from this address (reference ${ticket.ref}). To make sure it really came from you, please confirm it — our team answers it once it is confirmed.`,
    ],
    action: { label: "Confirm and open my request", url },
    after: [
      "The link works once, for 7 days. If you did not write to us, ignore this e-mail: the request will not be answered.",
    ],
    footer: FOOTER,
  });
  await enqueueMail(tx, {
    kind: "ticket.confirm",
    to: ticket.email,
    subject: `Confirm your support request ${ticket.ref}`,
    ...body,
  });
}

/** Queues "we received your request" for a signed-in buyer's new ticket. */
export async function mailTicketReceived(tx: TTx, ticket: { id: string; ref: string; email: string }): Promise<void> {
  const url = await createTicketLink(tx, { ticketId: ticket.id, purpose: "ticket_access" });
  const body = renderMail({
    preheader: `Your support request ${ticket.ref} is with our team.`,
    heading: `We received your support request ${ticket.ref}`,
    paragraphs: ["Our team will answer in the support portal. We will e-mail you when there is a reply."],
    action: { label: "Open my request", url },
    after: ["The button works once, for 3 days; you can always find your requests under Support after signing in."],
    footer: FOOTER,
  });
  await enqueueMail(tx, {
    kind: "ticket.received",
    to: ticket.email,
    subject: `We received your support request ${ticket.ref}`,
    ...body,
  });
}

/**
 * Queues "there is a reply" after an agent's public reply — or, for `"link"`, the new link a guest
 * asked for — with a fresh single-use link to the thread.
 */
export async function mailTicketReply(
  tx: TTx,
  ticket: { id: string; ref: string; email: string },
  reason: "reply" | "link" = "reply",
): Promise<void> {
  const url = await createTicketLink(tx, { ticketId: ticket.id, purpose: "ticket_access" });
  const reply = reason === "reply";
  const subject = reply
    ? `New reply to your support request ${ticket.ref}`
    : `Your link to support request ${ticket.ref}`;
  const body = renderMail({
    preheader: reply
      ? `There is a new reply to your support request ${ticket.ref}.`
      : `Open your support request ${ticket.ref}.`,
    heading: subject,
    paragraphs: [
      reply
        ? "Our support team answered your request. Open it to read the reply and answer."
        : "Here is the link you asked for.",
    ],
    action: { label: reply ? "Read the reply" : "Open my request", url },
    after: [
      "The button works once, for 3 days. When it has expired, ask for a new link on the support page with your reference.",
    ],
    footer: FOOTER,
  });
  await enqueueMail(tx, { kind: reply ? "ticket.reply" : "ticket.link", to: ticket.email, subject, ...body });
}
