import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { TAgentSession } from "@/lib/auth/types";
import { listOtherViewers, type TOtherViewer } from "@/lib/tickets/list-other-viewers";
import type { TViewerCheckInInput } from "@/lib/tickets/agent-schemas";

/**
 * `checkInTicketViewer(agent, { ref, composing })` — the ticket page's presence poll: records that
 * this agent has the ticket open (and whether they are writing a reply), and returns the other
 * agents who have it open right now, so the page can warn before two agents answer the same buyer.
 * A presence heartbeat only: no audit event or rate limit, so it takes no request meta.
 */
export async function checkInTicketViewer(agent: TAgentSession, input: TViewerCheckInInput): Promise<TOtherViewer[]> {
  const ticket = await db().ticket.findUnique({ where: { ref: input.ref.toUpperCase() }, select: { id: true } });
  if (!ticket) throw new AppError("not_found", "There is no such ticket.");
  const now = new Date();
  await db().ticketViewer.upsert({
    where: { ticketId_agentId: { ticketId: ticket.id, agentId: agent.agentId } },
    create: { ticketId: ticket.id, agentId: agent.agentId, composing: input.composing, lastSeenAt: now },
    update: { composing: input.composing, lastSeenAt: now },
  });
  return listOtherViewers(agent, { ticketId: ticket.id, now });
}
