import "server-only";
import { ENC } from "@/lib/crypto/contexts";
import { db } from "@/lib/db";
import { decrypt, decryptOptional } from "@/lib/crypto/encryption";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { assertAdmin } from "@/lib/auth/assert-admin";
import type { TAgentSession } from "@/lib/auth/types";
import type { TRequestMeta } from "@/lib/http/request-meta";
import { unsubscribePageUrl } from "@/lib/newsletter/unsubscribe-token";
import { toSafeCsv } from "@/lib/csv/to-safe-csv";

const HEADER = ["email", "name", "subscribed_at", "unsubscribe_url"];

/**
 * `exportNewsletterCsv(agent, meta)` — the current newsletter opt-ins as CSV for the vendor's
 * newsletter tool (admins only: agents are refused; audited with the number of rows): address,
 * name, when they opted in, and their signed unsubscribe link. Every cell is quoted and formula
 * triggers are neutralised (`toSafeCsv`): names come from stores and buyers.
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
  const csv = toSafeCsv(
    HEADER,
    rows.map((row) => [
      decrypt(row.emailEnc, ENC.customerEmail),
      decryptOptional(row.nameEnc, ENC.customerName) ?? "",
      row.newsletterAt?.toISOString() ?? "",
      unsubscribePageUrl(row.id),
    ]),
  );
  await recordAuditEvent({
    actorType: "agent",
    actorId: agent.agentId,
    action: "privacy.newsletter_exported",
    ip: meta.ip,
    userAgent: meta.userAgent,
    metadata: { rows: rows.length },
  });
  return {
    csv,
    count: rows.length,
    fileName: `newsletter-opt-ins-${new Date().toISOString().slice(0, 10)}.csv`,
  };
}
