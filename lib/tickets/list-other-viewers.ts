import "server-only";
import { db } from "@/lib/db";
import type { TAgentSession } from "@/lib/auth/types";

/** A viewer counts as present while their page has checked in within this time (it polls every ~10 s). */
export const VIEWER_FRESH_MS = 30_000;

export interface TOtherViewer {
  name: string;
  composing: boolean;
}

/**
 * `listOtherViewers(agent, { ticketId })` — the other agents who have a ticket open right now (and
 * whether they are writing a reply), from their check-ins. Reads only: the page's first render
 * shows them without recording this agent; the poll (`checkInTicketViewer`) does that.
 */
export async function listOtherViewers(
  agent: TAgentSession,
  input: { ticketId: string; now?: Date },
): Promise<TOtherViewer[]> {
  const now = input.now ?? new Date();
  const others = await db().ticketViewer.findMany({
    where: {
      ticketId: input.ticketId,
      agentId: { not: agent.agentId },
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
