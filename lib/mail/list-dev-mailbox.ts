import "server-only";
import { db } from "@/lib/db";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { assertAdmin } from "@/lib/auth/assert-admin";
import type { TAgentSession } from "@/lib/auth/types";
import type { TRequestMeta } from "@/lib/http/request-meta";
import { DEV_MAIL_SELECT, toDevMail, type TDevMail } from "@/lib/mail/dev-mail";
import type { TDevMailboxInput } from "@/lib/mail/schemas";

/**
 * `listDevMailbox(admin, { limit }, meta)`: the newest mails kept by the dev mailbox (SMTP_URL
 * unset), decrypted, for the console's mailbox page. Admins only; the listing shows recipients, so
 * it is audited.
 */
export async function listDevMailbox(
  admin: TAgentSession,
  input: TDevMailboxInput,
  meta: TRequestMeta,
): Promise<TDevMail[]> {
  assertAdmin(admin);
  const rows = await db().outboxMessage.findMany({
    where: { channel: "mail", status: "sent", transport: "dev" },
    select: DEV_MAIL_SELECT,
    orderBy: [{ sentAt: "desc" }, { id: "asc" }],
    take: Math.min(Math.max(input.limit ?? 50, 1), 200),
  });
  await recordAuditEvent({
    actorType: "agent",
    actorId: admin.agentId,
    action: "mail.dev_mailbox_listed",
    targetType: "outbox_message",
    ip: meta.ip,
    userAgent: meta.userAgent,
    metadata: { count: rows.length },
  });
  return rows.map(toDevMail);
}
