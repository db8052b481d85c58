import "server-only";
import { ENC } from "@/lib/crypto/contexts";
import { z } from "zod";
import { db } from "@/lib/db";
import { emailIndex } from "@/lib/crypto/blind-index";
import { decrypt } from "@/lib/crypto/encryption";
import { AppError, fieldErrorsOf } from "@/lib/errors";
import { ZBuyerEmail } from "@/lib/buyers/email-address";
import { type TLimit } from "@/lib/ratelimit/consume";
import { enforceTicketLimits } from "@/lib/tickets/ticket-limits";
import { mailTicketConfirmation, mailTicketReply } from "@/lib/tickets/ticket-mail";
import { ZTicketRef } from "@/lib/tickets/schemas";
import { enqueueTask } from "@/lib/tasks/enqueue-task";

export const LINK_LIMIT_PER_IP: TLimit = { name: "ticket-link:ip", max: 10, windowSeconds: 3600 };
export const LINK_LIMIT_PER_TICKET: TLimit = { name: "ticket-link:ticket", max: 3, windowSeconds: 3600 };

const ZRequest = z.object({ ref: ZTicketRef, email: ZBuyerEmail });

/**
 * "Send me a new link to my ticket": queues the request; the worker mails a fresh single-use link
 * when the reference and the address belong together (a confirmation link while the ticket is
 * unconfirmed). Like "find my orders", the request does the same work whether or not they match,
 * so neither the answer nor its timing tells anything about tickets or addresses.
 */
export async function requestTicketLink(input: { values: unknown; ip: string }): Promise<void> {
  const parsed = ZRequest.safeParse(input.values);
  if (!parsed.success) {
    throw new AppError("invalid_input", "Please correct the highlighted fields.", {
      fieldErrors: fieldErrorsOf(parsed.error.issues),
    });
  }
  const { ref, email } = parsed.data;
  await enforceTicketLimits([
    [LINK_LIMIT_PER_IP, input.ip],
    [LINK_LIMIT_PER_TICKET, `${ref}:${emailIndex(email)}`],
  ]);
  await enqueueTask("ticket.link", { ref, email });
}

/** Worker side of `requestTicketLink`: mails the link only when reference and address match. */
export async function runTicketLinkTask(payload: unknown): Promise<void> {
  const { ref, email } = ZRequest.parse(payload);
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
