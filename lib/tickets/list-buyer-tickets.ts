import "server-only";
import { ENC } from "@/lib/crypto/contexts";
import { db } from "@/lib/db";
import { decrypt } from "@/lib/crypto/encryption";
import type { TBuyerSession } from "@/lib/auth/types";
import { ticketWhereFor } from "@/lib/tickets/ticket-access";

/** "My tickets": every ticket of the signed-in buyer (by customer, or by address once confirmed), latest activity first. */
export async function listBuyerTickets(buyer: TBuyerSession) {
  const tickets = await db().ticket.findMany({
    where: ticketWhereFor({ kind: "buyer", buyer }),
    orderBy: { lastMessageAt: "desc" },
    take: 200,
    select: { ref: true, subjectEnc: true, status: true, category: true, createdAt: true, lastMessageAt: true },
  });
  return tickets.map(({ subjectEnc, ...t }) => ({ ...t, subject: decrypt(subjectEnc, ENC.ticketSubject) }));
}
