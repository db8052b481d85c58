import "server-only";
import { ENC } from "@/lib/crypto/contexts";
import { db } from "@/lib/db";
import { decrypt, decryptOptional } from "@/lib/crypto/encryption";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { AppError } from "@/lib/errors";
import type { TAgentSession } from "@/lib/auth/types";
import { listCustomerOrdersForTicket } from "@/lib/tickets/list-customer-orders-for-ticket";
import { THREAD_MESSAGE_SELECT, toThreadMessage } from "@/lib/tickets/thread-dto";
import { type TTicketRefInput } from "@/lib/tickets/schemas";
import { ZStoredCustomerAddress } from "@/lib/accounts/schemas";
import type { TRequestMeta } from "@/lib/http/request-meta";

/**
 * `getTicketForAgent(agent, { ref }, meta)` — a ticket as an agent works on it: the whole thread (internal notes included, marked), the
 * customer's profile and orders (with key status and refunds) beside it, and the agents it can be
 * assigned to. Until the sender confirms from the mailed link, the ticket shows only what the
 * sender typed: anyone can send a ticket under a customer's address, so no matched customer's
 * name, phone, address or orders (nor the order linked by number) appear beside it. Opening it is
 * audited as a view of the customer's data (SPEC: every view of personal data lands in the audit
 * log), so this read writes that one audit event.
 */
export async function getTicketForAgent(agent: TAgentSession, input: TTicketRefInput, meta: TRequestMeta) {
  const ticket = await db().ticket.findUnique({
    where: { ref: input.ref.toUpperCase() },
    select: {
      id: true,
      ref: true,
      emailEnc: true,
      emailHash: true,
      nameEnc: true,
      subjectEnc: true,
      category: true,
      status: true,
      priority: true,
      verifiedAt: true,
      createdAt: true,
      lastMessageAt: true,
      customerId: true,
      orderId: true,
      assignee: { select: { id: true, name: true } },
      messages: { orderBy: { createdAt: "asc" }, select: THREAD_MESSAGE_SELECT },
    },
  });
  if (!ticket) throw new AppError("not_found", "There is no such ticket.");
  const confirmed = ticket.verifiedAt !== null;
  const customer = confirmed
    ? await db().customer.findFirst({
        where: ticket.customerId ? { id: ticket.customerId } : { emailHash: ticket.emailHash, erasedAt: null },
        select: { id: true, nameEnc: true, phoneEnc: true, addressEnc: true, erasedAt: true },
      })
    : null;
  const [orders, agents] = await Promise.all([
    confirmed
      ? listCustomerOrdersForTicket({ customerId: customer?.id ?? null, emailHash: ticket.emailHash })
      : Promise.resolve([]),
    db().agent.findMany({ where: { disabledAt: null }, orderBy: { name: "asc" }, select: { id: true, name: true } }),
  ]);
  await recordAuditEvent({
    actorType: "agent",
    actorId: agent.agentId,
    customerId: confirmed ? (customer?.id ?? ticket.customerId) : null,
    action: "ticket.viewed",
    targetType: "ticket",
    targetId: ticket.id,
    ip: meta.ip,
    userAgent: meta.userAgent,
  });
  const address = decryptOptional(customer?.addressEnc, ENC.customerAddress);
  return {
    id: ticket.id,
    ref: ticket.ref,
    email: decrypt(ticket.emailEnc, ENC.ticketEmail),
    name: decryptOptional(ticket.nameEnc, ENC.ticketName),
    subject: decrypt(ticket.subjectEnc, ENC.ticketSubject),
    category: ticket.category,
    status: ticket.status,
    priority: ticket.priority,
    verified: ticket.verifiedAt !== null,
    createdAt: ticket.createdAt,
    lastMessageAt: ticket.lastMessageAt,
    linkedOrderId: confirmed ? ticket.orderId : null,
    assignee: ticket.assignee,
    messages: ticket.messages.map(toThreadMessage),
    customer: customer
      ? {
          id: customer.id,
          name: decryptOptional(customer.nameEnc, ENC.customerName),
          phone: decryptOptional(customer.phoneEnc, ENC.customerPhone),
          address: address ? ZStoredCustomerAddress.parse(JSON.parse(address)) : null,
        }
      : null,
    orders,
    agents,
  };
}

export type TAgentTicket = Awaited<ReturnType<typeof getTicketForAgent>>;
