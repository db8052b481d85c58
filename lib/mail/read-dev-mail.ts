import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { assertAdmin } from "@/lib/auth/assert-admin";
import type { TAgentSession } from "@/lib/auth/types";
import type { TRequestMeta } from "@/lib/http/request-meta";
import { DEV_MAIL_SELECT, toDevMail, type TDevMail } from "@/lib/mail/dev-mail";
import type { TDevMailIdInput } from "@/lib/mail/schemas";

/**
 * `readDevMail(admin, { id }, meta)`: one mail of the dev mailbox, decrypted (admins only; the read
 * is audited: it holds personal data).
 */
export async function readDevMail(admin: TAgentSession, input: TDevMailIdInput, meta: TRequestMeta): Promise<TDevMail> {
  assertAdmin(admin);
  const row = await db().outboxMessage.findFirst({
    where: { id: input.id, channel: "mail", status: "sent", transport: "dev" },
    select: DEV_MAIL_SELECT,
  });
  if (!row) throw new AppError("not_found", "There is no such mail in the dev mailbox.");
  await recordAuditEvent({
    actorType: "agent",
    actorId: admin.agentId,
    action: "mail.dev_mail_read",
    targetType: "outbox_message",
    targetId: row.id,
    ip: meta.ip,
    userAgent: meta.userAgent,
    metadata: { kind: row.kind },
  });
  return toDevMail(row);
}
