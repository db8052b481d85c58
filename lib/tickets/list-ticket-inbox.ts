import "server-only";
import { ENC } from "@/lib/crypto/contexts";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/db/generated/sqlite/client";
import { decrypt, decryptOptional } from "@/lib/crypto/encryption";
import { emailIndex } from "@/lib/crypto/blind-index";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { TAgentSession } from "@/lib/auth/types";
import { ZTicketRef } from "@/lib/tickets/schemas";

export const INBOX_VIEWS = ["unassigned", "mine", "open", "pending", "solved", "unverified"] as const;
export type TInboxView = (typeof INBOX_VIEWS)[number];

export const INBOX_VIEW_LABELS: Record<TInboxView, string> = {
  unassigned: "Unassigned",
  mine: "Mine",
  open: "All open",
  pending: "Waiting on customer",
  solved: "Solved",
  unverified: "Unconfirmed",
};

const INBOX_LIMIT = 100;

function viewWhere(view: TInboxView, agent: TAgentSession): Prisma.TicketWhereInput {
  const verified = { verifiedAt: { not: null } };
  switch (view) {
    case "unassigned":
      return { ...verified, assigneeId: null, status: { in: ["open" as const, "pending" as const] } };
    case "mine":
      return { ...verified, assigneeId: agent.agentId, status: { in: ["open" as const, "pending" as const] } };
    case "open":
      return { ...verified, status: "open" as const };
    case "pending":
      return { ...verified, status: "pending" as const };
    case "solved":
      return { status: { in: ["solved" as const, "closed" as const] } };
    case "unverified":
      return { verifiedAt: null, status: { in: ["open" as const, "pending" as const] } };
  }
}

/** A search by reference ("KD-…"), e-mail address (blind index) or order number. */
async function searchWhere(query: string): Promise<{ kind: string; where: Prisma.TicketWhereInput }> {
  const ref = ZTicketRef.safeParse(query);
  if (ref.success) return { kind: "ref", where: { ref: ref.data } };
  if (query.includes("@")) return { kind: "email", where: { emailHash: emailIndex(query) } };
  const orders = await db().order.findMany({
    where: { number: query },
    select: { id: true, customerId: true },
    take: 50,
  });
  return {
    kind: "order_number",
    where: {
      OR: [{ orderId: { in: orders.map((o) => o.id) } }, { customerId: { in: orders.map((o) => o.customerId) } }],
    },
  };
}

/**
 * The agent inbox: one queue (Unassigned, Mine, All open, Waiting on customer, Solved, Unconfirmed
 * guest tickets), oldest first by default, or a search across all tickets. Searches are audited
 * (what kind of search, never the text searched for).
 */
export async function listTicketInbox(input: {
  agent: TAgentSession;
  view: TInboxView;
  query?: string;
  newestFirst?: boolean;
}) {
  const query = input.query?.trim().slice(0, 200) ?? "";
  const search = query ? await searchWhere(query) : null;
  if (search) {
    await recordAuditEvent({
      actorType: "agent",
      actorId: input.agent.agentId,
      action: "ticket.searched",
      metadata: { by: search.kind },
    });
  }
  const where = search ? search.where : viewWhere(input.view, input.agent);
  const [tickets, counts] = await Promise.all([
    db().ticket.findMany({
      where,
      orderBy: [{ createdAt: input.newestFirst ? "desc" : "asc" }],
      take: INBOX_LIMIT,
      select: {
        ref: true,
        subjectEnc: true,
        emailEnc: true,
        nameEnc: true,
        status: true,
        priority: true,
        category: true,
        createdAt: true,
        lastMessageAt: true,
        verifiedAt: true,
        assignee: { select: { name: true } },
        messages: { where: { internal: false }, orderBy: { createdAt: "desc" }, take: 1, select: { author: true } },
      },
    }),
    Promise.all(INBOX_VIEWS.map((view) => db().ticket.count({ where: viewWhere(view, input.agent) }))),
  ]);
  return {
    counts: Object.fromEntries(INBOX_VIEWS.map((view, i) => [view, counts[i] ?? 0])) as Record<TInboxView, number>,
    tickets: tickets.map((t) => ({
      ref: t.ref,
      subject: decrypt(t.subjectEnc, ENC.ticketSubject),
      email: decrypt(t.emailEnc, ENC.ticketEmail),
      name: decryptOptional(t.nameEnc, ENC.ticketName),
      status: t.status,
      priority: t.priority,
      category: t.category,
      createdAt: t.createdAt,
      lastMessageAt: t.lastMessageAt,
      verified: t.verifiedAt !== null,
      assignee: t.assignee?.name ?? null,
      lastFromCustomer: t.messages[0]?.author === "customer",
    })),
  };
}
