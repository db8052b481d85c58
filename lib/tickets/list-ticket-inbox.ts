import "server-only";
import { ENC } from "@/lib/crypto/contexts";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/db/generated/sqlite/client";
import { decrypt, decryptOptional } from "@/lib/crypto/encryption";
import { emailIndex } from "@/lib/crypto/blind-index";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { TAgentSession } from "@/lib/auth/types";
import { ZTicketRef, type TTicketStatus } from "@/lib/tickets/schemas";
import {
  INBOX_COUNT_CAP,
  INBOX_VIEWS,
  ZInboxSearch,
  type TInboxSearchInput,
  type TInboxView,
} from "@/lib/tickets/agent-schemas";
import type { TRequestMeta } from "@/lib/http/request-meta";
import { openAgentSearch } from "@/lib/crypto/sealed-search";
import { orderNumberKey } from "@/lib/orders/order-number";

const INBOX_LIMIT = 100;

interface TQueue {
  statuses: TTicketStatus[];
  /** Confirmed by the guest (true), not yet (false), either (undefined). */
  verified?: boolean;
  /** Nobody's (null), this agent's (an id), anyone's (undefined). */
  assigneeId?: string | null;
}

/**
 * A queue as the statuses it holds and the rest of its filter. The list reads each status on its
 * own: `status = ? … ORDER BY createdAt LIMIT n` walks an index in order and stops after n rows,
 * while `status IN (?, ?) … ORDER BY createdAt` makes both databases sort every matching ticket —
 * all solved tickets ever, for the Solved queue.
 */
function queueOf(view: TInboxView, agent: TAgentSession): TQueue {
  switch (view) {
    case "unassigned":
      return { statuses: ["open", "pending"], verified: true, assigneeId: null };
    case "mine":
      return { statuses: ["open", "pending"], verified: true, assigneeId: agent.agentId };
    case "open":
      return { statuses: ["open"], verified: true };
    case "pending":
      return { statuses: ["pending"], verified: true };
    case "solved":
      return { statuses: ["solved", "closed"] };
    case "unverified":
      return { statuses: ["open", "pending"], verified: false };
  }
}

/** The queue's filter for one of its statuses, as Prisma's where. */
function queueWhere(queue: TQueue, status: TTicketStatus): Prisma.TicketWhereInput {
  return {
    status,
    ...(queue.verified === undefined ? {} : { verifiedAt: queue.verified ? { not: null } : null }),
    ...(queue.assigneeId === undefined ? {} : { assigneeId: queue.assigneeId }),
  };
}

/**
 * How many tickets a queue holds, counted up to `INBOX_COUNT_CAP + 1` (the page shows "1,000+"). A
 * full count reads the queue's whole index range, so it grew with the desk's history (Solved holds
 * every ticket ever); a capped one stops after that many index entries, whatever the table's size.
 * Raw SQL, because Prisma's `count({ take })` orders by id and makes both databases sort the range.
 */
async function countQueue(queue: TQueue): Promise<number> {
  const conditions = [Prisma.sql`"status" IN (${Prisma.join(queue.statuses)})`];
  if (queue.verified !== undefined) {
    conditions.push(queue.verified ? Prisma.sql`"verifiedAt" IS NOT NULL` : Prisma.sql`"verifiedAt" IS NULL`);
  }
  if (queue.assigneeId === null) conditions.push(Prisma.sql`"assigneeId" IS NULL`);
  else if (queue.assigneeId !== undefined) conditions.push(Prisma.sql`"assigneeId" = ${queue.assigneeId}`);
  const [row] = await db().$queryRaw<{ n: number | bigint }[]>`
    SELECT COUNT(*) AS "n" FROM (
      SELECT 1 FROM "Ticket" WHERE ${Prisma.join(conditions, " AND ")} LIMIT ${INBOX_COUNT_CAP + 1}
    ) AS "queue"`;
  return Number(row?.n ?? 0);
}

/** A search by reference ("KD-…"), e-mail address (blind index) or order number. */
async function searchWhere(query: string): Promise<{ kind: string; where: Prisma.TicketWhereInput }> {
  const ref = ZTicketRef.safeParse(query);
  if (ref.success) return { kind: "ref", where: { ref: ref.data } };
  if (query.includes("@")) return { kind: "email", where: { emailHash: emailIndex(query) } };
  // Found as the order search finds a number ("#1002" and "1002" alike), from its indexed key.
  const numberKey = orderNumberKey(query);
  const orders = numberKey
    ? await db().order.findMany({ where: { numberKey }, select: { id: true, customerId: true }, take: 50 })
    : [];
  return {
    kind: "order_number",
    where: {
      OR: [{ orderId: { in: orders.map((o) => o.id) } }, { customerId: { in: orders.map((o) => o.customerId) } }],
    },
  };
}

/**
 * `listTicketInbox(agent, search, meta)` — the agent inbox: one queue (Unassigned, Mine, All open, Waiting on customer, Solved, Unconfirmed
 * guest tickets), oldest first by default, or a search across all tickets. Every view is audited
 * — a queue as `ticket_inbox.viewed` (which queue, how many rows), a search as `ticket.searched`
 * (what kind of search and how many rows, never the text searched for) — the one write of this
 * read, since the list shows buyers' names and addresses. Each queue's count stops at
 * `INBOX_COUNT_CAP + 1` (shown as "1,000+"). `search` is the page's query string, checked
 * here (a bad value means the default view); the answer says which view and search it shows.
 */
export async function listTicketInbox(agent: TAgentSession, search: TInboxSearchInput, meta: TRequestMeta) {
  const parsed = ZInboxSearch.parse(search);
  const view = parsed.view;
  // The text searched for arrives sealed (the form posts; no address in URLs or access logs).
  const query = openAgentSearch(agent, parsed.s);
  const newestFirst = parsed.sort === "newest";
  const found = query ? await searchWhere(query) : null;
  const listWhere = (where: Prisma.TicketWhereInput) =>
    db().ticket.findMany({
      where,
      orderBy: [{ createdAt: newestFirst ? "desc" : "asc" }],
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
    });
  const queue = queueOf(view, agent);
  const [tickets, counts] = await Promise.all([
    found
      ? listWhere(found.where)
      : Promise.all(queue.statuses.map((status) => listWhere(queueWhere(queue, status)))).then((lists) =>
          lists
            .flat()
            .sort((a, b) => (a.createdAt.getTime() - b.createdAt.getTime()) * (newestFirst ? -1 : 1))
            .slice(0, INBOX_LIMIT),
        ),
    Promise.all(INBOX_VIEWS.map((v) => countQueue(queueOf(v, agent)))),
  ]);
  // Every view lists buyers' names, addresses and subjects: audited (counts and the queue only).
  await recordAuditEvent({
    actorType: "agent",
    actorId: agent.agentId,
    action: found ? "ticket.searched" : "ticket_inbox.viewed",
    ip: meta.ip,
    userAgent: meta.userAgent,
    metadata: found ? { by: found.kind, rows: tickets.length } : { view, rows: tickets.length },
  });
  return {
    view,
    query,
    /** The sealed search to keep in links (sort order), never the text itself. */
    searchToken: query ? (parsed.s ?? "") : "",
    newestFirst,
    counts: Object.fromEntries(INBOX_VIEWS.map((v, i) => [v, counts[i] ?? 0])) as Record<TInboxView, number>,
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
