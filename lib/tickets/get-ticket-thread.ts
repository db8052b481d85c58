import "server-only";
import { ENC } from "@/lib/crypto/contexts";
import { db } from "@/lib/db";
import { decrypt } from "@/lib/crypto/encryption";
import { AppError } from "@/lib/errors";
import { ticketWhereFor, type TTicketAccess } from "@/lib/tickets/ticket-access";
import { THREAD_MESSAGE_SELECT, toThreadMessage, type TThreadMessage } from "@/lib/tickets/thread-dto";
import type { TTicketCategory, TTicketRefInput, TTicketStatus } from "@/lib/tickets/schemas";

export interface TBuyerThread {
  ref: string;
  subject: string;
  status: TTicketStatus;
  category: TTicketCategory;
  createdAt: Date;
  verified: boolean;
  orderNumber: string | null;
  messages: TThreadMessage[];
}

/**
 * `getTicketThread(access, { ref })` — a ticket's conversation (the buyer's ticket page) as the buyer sees it: public messages only (internal notes are filtered
 * in the query, never after it). Ownership is part of the query, so another person's ticket is
 * "not found" exactly like a ticket that does not exist.
 */
export async function getTicketThread(access: TTicketAccess, input: TTicketRefInput): Promise<TBuyerThread> {
  const ticket = await db().ticket.findFirst({
    where: { ref: input.ref.toUpperCase(), ...ticketWhereFor(access) },
    select: {
      ref: true,
      subjectEnc: true,
      status: true,
      category: true,
      createdAt: true,
      verifiedAt: true,
      order: { select: { number: true } },
      messages: { where: { internal: false }, orderBy: { createdAt: "asc" }, select: THREAD_MESSAGE_SELECT },
    },
  });
  if (!ticket) throw new AppError("not_found", "There is no such ticket.", { key: "noSuchTicket" });
  return {
    ref: ticket.ref,
    subject: decrypt(ticket.subjectEnc, ENC.ticketSubject),
    status: ticket.status,
    category: ticket.category,
    createdAt: ticket.createdAt,
    verified: ticket.verifiedAt !== null,
    orderNumber: ticket.order?.number ?? null,
    messages: ticket.messages.map(toThreadMessage),
  };
}
