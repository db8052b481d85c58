import "server-only";
import { assertAdmin } from "@/lib/auth/assert-admin";
import type { TAgentSession } from "@/lib/auth/types";
import type { TRequestMeta } from "@/lib/http/request-meta";
import { db } from "@/lib/db";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { readAuditRows, type TAuditLogRow } from "@/lib/audit/audit-log-rows";
import { ZAuditLogQuery, type TAuditLogQuery } from "@/lib/audit/schemas";

export const AUDIT_PAGE_SIZE = 50;

const NO_FILTERS: TAuditLogQuery = {
  agent: undefined,
  customer: undefined,
  action: undefined,
  from: undefined,
  to: undefined,
  cursor: undefined,
};

export interface TAuditLogPage {
  /** The filters in force (the form's values); empty when they did not parse. */
  query: TAuditLogQuery;
  /** A message naming the filter that could not be read (nothing is listed then). */
  error: string | null;
  rows: TAuditLogRow[];
  /** The cursor of the next (older) page, or null on the last page. */
  nextCursor: string | null;
  /** The agents, for the filter's select. */
  agents: { id: string; name: string }[];
}

/**
 * `getAuditLogPage(admin, query, meta)` — the audit log for `/agent/audit` (admins only), newest
 * first, 50 events a page, filtered by agent, customer, action and day; the IP of each event is
 * decrypted for the admin. Reading the log is itself recorded (with the filters used, ids only).
 * The log is append-only for the app: there is no use case that updates or deletes an event
 * (only the retention job and an erasure's redaction touch old rows).
 */
export async function getAuditLogPage(
  agent: TAgentSession,
  searchParams: Record<string, string | string[] | undefined>,
  meta: TRequestMeta,
): Promise<TAuditLogPage> {
  assertAdmin(agent);
  const agents = await db().agent.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } });
  // The page's search params did not come through a wrapper: parsed here, a bad one named on the page.
  const single = Object.fromEntries(
    Object.entries(searchParams).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value]),
  );
  const parsed = ZAuditLogQuery.safeParse(single);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = String(issue?.path[0] ?? "filter");
    return {
      query: NO_FILTERS,
      error: `${field}: ${issue?.message ?? "not valid"}`,
      rows: [],
      nextCursor: null,
      agents,
    };
  }
  const query = parsed.data;
  const { rows, nextCursor } = await readAuditRows(query, AUDIT_PAGE_SIZE);
  await recordAuditEvent({
    actorType: "agent",
    actorId: agent.agentId,
    action: "audit_log.viewed",
    customerId: query.customer ?? null,
    ip: meta.ip,
    userAgent: meta.userAgent,
    metadata: { ...filterMetadata(query), rows: rows.length },
  });
  return { query, error: null, rows, nextCursor, agents };
}

/** The filters as audit metadata: ids, an action and dates (never personal data). */
export function filterMetadata(query: TAuditLogQuery): Record<string, string | null> {
  return {
    agent: query.agent ?? null,
    customer: query.customer ?? null,
    action: query.action ?? null,
    from: query.from ?? null,
    to: query.to ?? null,
  };
}
