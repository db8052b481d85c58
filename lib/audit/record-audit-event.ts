import "server-only";
import { db, type TTx } from "@/lib/db";
import { auditEventRow, type TAuditEvent } from "@/lib/audit/audit-event-row";

export type { TAuditEvent };

/** Appends an audit event, inside the caller's transaction when one is given. */
export async function recordAuditEvent(event: TAuditEvent, tx?: TTx): Promise<void> {
  await (tx ?? db()).auditEvent.create({ data: auditEventRow(event) });
}
