import "server-only";
import type { TAgentSession } from "@/lib/auth/types";
import type { TRequestMeta } from "@/lib/http/request-meta";
import { fillCannedReply } from "@/lib/tickets/fill-canned-reply";
import { getTicketForAgent, type TAgentTicket } from "@/lib/tickets/get-ticket-for-agent";
import { readCannedReplies } from "@/lib/tickets/read-canned-replies";
import { listOtherViewers, type TOtherViewer } from "@/lib/tickets/list-other-viewers";
import type { TTicketRefInput } from "@/lib/tickets/schemas";

/** Everything the agent's ticket page shows. */
export interface TTicketWorkspace {
  ticket: TAgentTicket;
  /** The name to greet the customer with: the one on the ticket, else the customer profile's. */
  customerName: string | null;
  /** Canned replies with their placeholders already filled in for this ticket. */
  canned: { id: string; title: string; body: string }[];
  /** Agents who have this ticket open right now (this agent's own check-in starts with the poll). */
  others: TOtherViewer[];
}

/**
 * `getTicketWorkspace(agent, { ref }, meta)` — the agent's ticket page in one call: the ticket
 * with its whole thread, the customer and their orders (see `getTicketForAgent`), the canned
 * replies filled in for this ticket, and the other agents viewing it. The only write is the
 * "ticket.viewed" audit event that every view of personal data leaves (SPEC); the viewer check-in
 * is the page's poll (`checkInTicketViewer`), not part of rendering.
 */
export async function getTicketWorkspace(
  agent: TAgentSession,
  input: TTicketRefInput,
  meta: TRequestMeta,
): Promise<TTicketWorkspace> {
  const ticket = await getTicketForAgent(agent, input, meta);
  const [canned, others] = await Promise.all([readCannedReplies(), listOtherViewers(agent, { ticketId: ticket.id })]);
  const orderNumber = ticket.orders.find((o) => o.id === ticket.linkedOrderId)?.number ?? null;
  const customerName = ticket.name ?? ticket.customer?.name ?? null;
  return {
    ticket,
    customerName,
    canned: canned.map((c) => ({
      id: c.id,
      title: c.title,
      body: fillCannedReply(c.body, { name: customerName, orderNumber, ticketRef: ticket.ref }),
    })),
    others,
  };
}
