import "server-only";
import type { Prisma } from "@/lib/db/generated/sqlite/client";
import { ENC } from "@/lib/crypto/contexts";
import { db } from "@/lib/db";
import { decryptOptional } from "@/lib/crypto/encryption";
import type { TAuditLogQuery } from "@/lib/audit/schemas";

/** One audit event as an admin reads it: who, what, which object, when, from where. */
export interface TAuditLogRow {
  id: string;
  at: Date;
  actorType: "agent" | "customer" | "system";
  actorId: string | null;
  /** The agent's name for agent events (null when the agent row is gone). */
  actorName: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  /** The console page of the object, where one exists. */
  targetHref: string | null;
  customerId: string | null;
  ip: string | null;
  userAgent: string | null;
}

const TARGET_PAGES: Record<string, (id: string) => string> = {
  order: (id) => `/agent/orders/${encodeURIComponent(id)}`,
  customer: (id) => `/agent/customers/${encodeURIComponent(id)}`,
};

/** The `where` of the filters: agent, customer, action (exact, or a prefix ending in "."), days (UTC). */
export function auditWhere(query: TAuditLogQuery): Prisma.AuditEventWhereInput {
  const at: Prisma.DateTimeFilter = {};
  if (query.from) at.gte = new Date(`${query.from}T00:00:00.000Z`);
  if (query.to) at.lt = new Date(new Date(`${query.to}T00:00:00.000Z`).getTime() + 86_400_000);
  return {
    ...(query.agent ? { actorType: "agent", actorId: query.agent } : {}),
    ...(query.customer ? { customerId: query.customer } : {}),
    ...(query.action
      ? query.action.endsWith(".")
        ? { action: { startsWith: query.action } }
        : { action: query.action }
      : {}),
    ...(query.from || query.to ? { at } : {}),
  };
}

/** Reads up to `take` events, newest first, after the cursor; IPs decrypted, agents named. */
export async function readAuditRows(
  query: TAuditLogQuery,
  take: number,
): Promise<{ rows: TAuditLogRow[]; nextCursor: string | null }> {
  const found = await db().auditEvent.findMany({
    where: auditWhere(query),
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: take + 1,
    ...(query.cursor ? { cursor: { id: query.cursor }, skip: 1 } : {}),
  });
  const page = found.slice(0, take);
  const agentIds = [...new Set(page.filter((e) => e.actorType === "agent" && e.actorId).map((e) => e.actorId!))];
  const agents = agentIds.length
    ? await db().agent.findMany({ where: { id: { in: agentIds } }, select: { id: true, name: true } })
    : [];
  const names = new Map(agents.map((agent) => [agent.id, agent.name]));
  // Ticket pages are addressed by their reference, not their id.
  const ticketIds = page.filter((e) => e.targetType === "ticket" && e.targetId).map((e) => e.targetId!);
  const tickets = ticketIds.length
    ? await db().ticket.findMany({ where: { id: { in: ticketIds } }, select: { id: true, ref: true } })
    : [];
  const refs = new Map(tickets.map((ticket) => [ticket.id, ticket.ref]));
  const rows = page.map((event): TAuditLogRow => {
    const ref = event.targetId ? refs.get(event.targetId) : undefined;
    const page = event.targetType && event.targetId ? TARGET_PAGES[event.targetType] : undefined;
    return {
      id: event.id,
      at: event.at,
      actorType: event.actorType,
      actorId: event.actorId,
      actorName: event.actorId ? (names.get(event.actorId) ?? null) : null,
      action: event.action,
      targetType: event.targetType,
      targetId: event.targetId,
      targetHref:
        event.targetType === "ticket" && ref
          ? `/agent/tickets/${encodeURIComponent(ref)}`
          : page && event.targetId
            ? page(event.targetId)
            : null,
      customerId: event.customerId,
      ip: decryptOptional(event.ipEnc, ENC.auditIp),
      userAgent: event.userAgent,
    };
  });
  return { rows, nextCursor: found.length > take ? (page.at(-1)?.id ?? null) : null };
}
