import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { TAgentSession } from "@/lib/auth/types";

/** A viewer counts as present while their page has checked in within this time (it polls every ~10 s). */
export const VIEWER_FRESH_MS = 30_000;

export interface TOtherViewer {
  name: string;
  composing: boolean;
}

/**
 * Records that this agent has the ticket open (and whether they are writing a reply), and returns
 * the other agents who have it open right now — so the page can warn before two agents answer the
 * same buyer.
 */
export async function checkInTicketViewer(input: {
  agent: TAgentSession;
  ref: string;
  composing: boolean;
}): Promise<TOtherViewer[]> {
  const ticket = await db().ticket.findUnique({ where: { ref: input.ref.toUpperCase() }, select: { id: true } });
  if (!ticket) throw new AppError("not_found", "There is no such ticket.");
  const now = new Date();
  await db().ticketViewer.upsert({
    where: { ticketId_agentId: { ticketId: ticket.id, agentId: input.agent.agentId } },
    create: { ticketId: ticket.id, agentId: input.agent.agentId, composing: input.composing, lastSeenAt: now },
    update: { composing: input.composing, lastSeenAt: now },
  });
  const others = await db().ticketViewer.findMany({
    where: {
      ticketId: ticket.id,
      agentId: { not: input.agent.agentId },
      lastSeenAt: { gt: new Date(now.getTime() - VIEWER_FRESH_MS) },
    },
    select: { agentId: true, composing: true },
  });
  if (others.length === 0) return [];
  const agents = await db().agent.findMany({
    where: { id: { in: others.map((o) => o.agentId) } },
    select: { id: true, name: true },
  });
  const names = new Map(agents.map((a) => [a.id, a.name]));
  return others.map((o) => ({ name: names.get(o.agentId) ?? "Another agent", composing: o.composing }));
}
