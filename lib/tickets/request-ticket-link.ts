import "server-only";
import { ENC } from "@/lib/crypto/contexts";
import { db } from "@/lib/db";
import { emailIndex } from "@/lib/crypto/blind-index";
import { decrypt } from "@/lib/crypto/encryption";
import { type TLimit } from "@/lib/ratelimit/consume";
import { enforceTicketLimits } from "@/lib/tickets/ticket-limits";
import { mailTicketConfirmation, mailTicketReply } from "@/lib/tickets/ticket-mail";
import { ZTicketLinkRequest, type TTicketLinkRequest } from "@/lib/tickets/schemas";
import type { TRequestMeta } from "@/lib/http/request-meta";
import { enqueueTask } from "@/lib/tasks/enqueue-task";

export const LINK_LIMIT_PER_IP: TLimit = { name: "ticket-link:ip", max: 10, windowSeconds: 3600 };
export const LINK_LIMIT_PER_TICKET: TLimit = { name: "ticket-link:ticket", max: 3, windowSeconds: 3600 };

/**
 * `requestTicketLink(input, meta)` — "send me a new link to my ticket" (public): queues the request; the worker mails a fresh single-use link
 * when the reference and the address belong together (a confirmation link while the ticket is
 * unconfirmed). Like "find my orders", the request does the same work whether or not they match,
 * so neither the answer nor its timing tells anything about tickets or addresses.
 */
export async function requestTicketLink(input: TTicketLinkRequest, meta: TRequestMeta): Promise<void> {
  const { ref, email } = input;
  await enforceTicketLimits([
    [LINK_LIMIT_PER_IP, meta.ip ?? "unknown"],
    [LINK_LIMIT_PER_TICKET, `${ref}:${emailIndex(email)}`],
  ]);
  await enqueueTask("ticket.link", { ref, email });
}

/** Worker side of `requestTicketLink`: mails the link only when reference and address match. */
export async function runTicketLinkTask(payload: unknown): Promise<void> {
  // The task payload was stored by `requestTicketLink`; it is read back like any stored JSON.
  const { ref, email } = ZTicketLinkRequest.parse(payload);
  const ticket = await db().ticket.findFirst({
    where: { ref, emailHash: emailIndex(email) },
    select: { id: true, ref: true, emailEnc: true, verifiedAt: true },
  });
  if (!ticket) return;
  const to = decrypt(ticket.emailEnc, ENC.ticketEmail);
  await db().$transaction(async (tx) => {
    if (ticket.verifiedAt) await mailTicketReply(tx, { id: ticket.id, ref: ticket.ref, email: to }, "link");
    else await mailTicketConfirmation(tx, { id: ticket.id, ref: ticket.ref, email: to });
  });
}
