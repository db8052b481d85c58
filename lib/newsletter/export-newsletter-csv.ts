import "server-only";
import { ENC } from "@/lib/crypto/contexts";
import { db } from "@/lib/db";
import { decrypt, decryptOptional } from "@/lib/crypto/encryption";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { assertAdmin } from "@/lib/auth/assert-admin";
import type { TAgentSession } from "@/lib/auth/types";
import type { TRequestMeta } from "@/lib/http/request-meta";
import { unsubscribePageUrl } from "@/lib/newsletter/unsubscribe-token";

const HEADER = ["email", "name", "subscribed_at", "unsubscribe_url"];

/** A CSV cell: quoted when needed; a leading = + - @ is defused so spreadsheets do not run it as a formula. */
function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * `exportNewsletterCsv(agent, meta)` — the current newsletter opt-ins as CSV for the vendor's
 * newsletter tool (admins only: agents are refused; audited with the number of rows): address,
 * name, when they opted in, and their signed unsubscribe link.
 */
export async function exportNewsletterCsv(
  agent: TAgentSession,
  meta: TRequestMeta,
): Promise<{ csv: string; count: number; fileName: string }> {
  assertAdmin(agent);
  const rows = await db().customer.findMany({
    where: { newsletter: true, erasedAt: null },
    orderBy: { createdAt: "asc" },
    select: { id: true, emailEnc: true, nameEnc: true, newsletterAt: true },
  });
  const lines = [HEADER.join(",")];
  for (const row of rows) {
    lines.push(
      [
        decrypt(row.emailEnc, ENC.customerEmail),
        decryptOptional(row.nameEnc, ENC.customerName) ?? "",
        row.newsletterAt?.toISOString() ?? "",
        unsubscribePageUrl(row.id),
      ]
        .map(cell)
        .join(","),
    );
  }
  await recordAuditEvent({
    actorType: "agent",
    actorId: agent.agentId,
    action: "privacy.newsletter_exported",
    ip: meta.ip,
    userAgent: meta.userAgent,
    metadata: { rows: rows.length },
  });
  return {
    csv: lines.join("\r\n") + "\r\n",
    count: rows.length,
    fileName: `newsletter-opt-ins-${new Date().toISOString().slice(0, 10)}.csv`,
  };
}
