import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { AppError, fieldErrorsOf } from "@/lib/errors";
import type { TAgentSession } from "@/lib/auth/types";
import { TICKET_PRIORITIES, TICKET_STATUSES } from "@/lib/tickets/schemas";

const ZTicketUpdate = z.object({
  status: z.enum(TICKET_STATUSES).optional(),
  priority: z.enum(TICKET_PRIORITIES).optional(),
  /** An agent id, or "" for nobody. */
  assigneeId: z.string().max(40).optional(),
});

/** Changes a ticket's status, priority and/or assignee (to an active agent or nobody); audited with before and after. */
export async function updateTicket(input: { agent: TAgentSession; ref: string; values: unknown }): Promise<void> {
  const parsed = ZTicketUpdate.safeParse(input.values);
  if (!parsed.success)
    throw new AppError("invalid_input", "Please correct the highlighted fields.", {
      fieldErrors: fieldErrorsOf(parsed.error.issues),
    });
  const { status, priority, assigneeId } = parsed.data;
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
        actorId: input.agent.agentId,
        customerId: ticket.customerId,
        action: "ticket.updated",
        targetType: "ticket",
        targetId: ticket.id,
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
