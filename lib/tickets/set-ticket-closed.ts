import "server-only";
import { db } from "@/lib/db";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { AppError } from "@/lib/errors";
import { actorCustomerId, ticketWhereFor, type TTicketAccess } from "@/lib/tickets/ticket-access";
import type { TSetTicketClosedInput } from "@/lib/tickets/schemas";
import type { TRequestMeta } from "@/lib/http/request-meta";

/**
 * `setTicketClosedByCustomer(access, input, meta)` — the buyer (or guest) closes their ticket ("my
 * problem is solved") or reopens it; audited. Someone else's ticket is "not found".
 */
export async function setTicketClosedByCustomer(
  access: TTicketAccess,
  input: TSetTicketClosedInput,
  meta: TRequestMeta,
): Promise<void> {
  const ticket = await db().ticket.findFirst({
    where: { ref: input.ref.toUpperCase(), ...ticketWhereFor(access) },
    select: { id: true, customerId: true, status: true },
  });
  if (!ticket) throw new AppError("not_found", "There is no such ticket.", { key: "noSuchTicket" });
  const status = input.closed ? "closed" : "open";
  if (ticket.status === status) return;
  await db().$transaction(async (tx) => {
    await tx.ticket.update({ where: { id: ticket.id }, data: { status } });
    await recordAuditEvent(
      {
        actorType: "customer",
        actorId: actorCustomerId(access),
        customerId: ticket.customerId,
        action: input.closed ? "ticket.closed_by_customer" : "ticket.reopened_by_customer",
        targetType: "ticket",
        targetId: ticket.id,
        ip: meta.ip,
        userAgent: meta.userAgent,
        metadata: { from: ticket.status },
      },
      tx,
    );
  });
}
