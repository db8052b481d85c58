import "server-only";
import { db } from "@/lib/db";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { AppError } from "@/lib/errors";
import type { TAgentSession } from "@/lib/auth/types";
import type { TTicketUpdateInput } from "@/lib/tickets/agent-schemas";
import type { TRequestMeta } from "@/lib/http/request-meta";

/**
 * `updateTicket(agent, input, meta)` — changes a ticket's status, priority and/or assignee (to an
 * active agent or nobody); audited with before and after.
 */
export async function updateTicket(agent: TAgentSession, input: TTicketUpdateInput, meta: TRequestMeta): Promise<void> {
  const { status, priority, assigneeId } = input;
  const ticket = await db().ticket.findUnique({
    where: { ref: input.ref.toUpperCase() },
    select: { id: true, status: true, priority: true, assigneeId: true, customerId: true },
  });
  if (!ticket) throw new AppError("not_found", "There is no such ticket.");
  if (assigneeId) {
    const assignee = await db().agent.findFirst({ where: { id: assigneeId, disabledAt: null }, select: { id: true } });
    if (!assignee)
      throw new AppError("invalid_input", "Choose an active agent.", {
        fieldErrors: { assigneeId: ["Choose an active agent"] },
      });
  }
  const data = {
    ...(status && status !== ticket.status ? { status } : {}),
    ...(priority && priority !== ticket.priority ? { priority } : {}),
    ...(assigneeId !== undefined && (assigneeId || null) !== ticket.assigneeId
      ? { assigneeId: assigneeId || null }
      : {}),
  };
  if (Object.keys(data).length === 0) return;
  await db().$transaction(async (tx) => {
    await tx.ticket.update({ where: { id: ticket.id }, data });
    await recordAuditEvent(
      {
        actorType: "agent",
        actorId: agent.agentId,
        customerId: ticket.customerId,
        action: "ticket.updated",
        targetType: "ticket",
        targetId: ticket.id,
        ip: meta.ip,
        userAgent: meta.userAgent,
        metadata: {
          fields: Object.keys(data),
          ...("status" in data ? { statusFrom: ticket.status, statusTo: data.status } : {}),
          ...("priority" in data ? { priorityFrom: ticket.priority, priorityTo: data.priority } : {}),
          ...("assigneeId" in data ? { assigneeFrom: ticket.assigneeId, assigneeTo: data.assigneeId } : {}),
        },
      },
      tx,
    );
  });
}
