import "server-only";
import type { TAgentSession } from "@/lib/auth/types";
import { db } from "@/lib/db";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { assertAdmin } from "@/lib/auth/assert-admin";
import { DEV_MAIL_SELECT, toDevMail, type TDevMail } from "@/lib/mail/dev-mail";

/**
 * The newest mails kept by the dev mailbox (SMTP_URL unset), decrypted, for the console's mailbox
 * page. Admins only; the listing shows recipients, so it is audited.
 */
export async function listDevMailbox(input: { agent: TAgentSession; limit?: number }): Promise<TDevMail[]> {
  assertAdmin(input.agent);
  const rows = await db().outboxMessage.findMany({
    where: { channel: "mail", status: "sent", transport: "dev" },
    select: DEV_MAIL_SELECT,
    orderBy: [{ sentAt: "desc" }, { id: "asc" }],
    take: Math.min(Math.max(input.limit ?? 50, 1), 200),
  });
  await recordAuditEvent({
    actorType: "agent",
    actorId: input.agent.agentId,
    action: "mail.dev_mailbox_listed",
    targetType: "outbox_message",
    metadata: { count: rows.length },
  });
  return rows.map(toDevMail);
}
