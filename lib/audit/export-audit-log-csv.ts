import "server-only";
import { assertAdmin } from "@/lib/auth/assert-admin";
import type { TAgentSession } from "@/lib/auth/types";
import type { TRequestMeta } from "@/lib/http/request-meta";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { readAuditRows } from "@/lib/audit/audit-log-rows";
import { filterMetadata } from "@/lib/audit/get-audit-log-page";
import type { TAuditLogQuery } from "@/lib/audit/schemas";
import { toSafeCsv } from "@/lib/csv/to-safe-csv";

/** At most this many events in one export (narrow the filters for more). */
export const AUDIT_EXPORT_LIMIT = 10_000;

const HEADER = [
  "at",
  "actor_type",
  "actor_id",
  "actor_name",
  "action",
  "target_type",
  "target_id",
  "customer_id",
  "ip",
  "user_agent",
];

/**
 * `exportAuditLogCsv(admin, query, meta)` — the filtered audit log as CSV (admins only, newest
 * first, up to 10 000 events), every cell quoted and formula triggers neutralised (`toSafeCsv`:
 * user agents and names come from outside). The export is itself recorded.
 */
export async function exportAuditLogCsv(
  agent: TAgentSession,
  query: TAuditLogQuery,
  meta: TRequestMeta,
): Promise<{ csv: string; count: number; fileName: string }> {
  assertAdmin(agent);
  const { rows } = await readAuditRows({ ...query, cursor: undefined }, AUDIT_EXPORT_LIMIT);
  const csv = toSafeCsv(
    HEADER,
    rows.map((row) => [
      row.at.toISOString(),
      row.actorType,
      row.actorId ?? "",
      row.actorName ?? "",
      row.action,
      row.targetType ?? "",
      row.targetId ?? "",
      row.customerId ?? "",
      row.ip ?? "",
      row.userAgent ?? "",
    ]),
  );
  await recordAuditEvent({
    actorType: "agent",
    actorId: agent.agentId,
    action: "audit_log.exported",
    customerId: query.customer ?? null,
    ip: meta.ip,
    userAgent: meta.userAgent,
    metadata: { ...filterMetadata(query), rows: rows.length },
  });
  return { csv, count: rows.length, fileName: `audit-log-${new Date().toISOString().slice(0, 10)}.csv` };
}
