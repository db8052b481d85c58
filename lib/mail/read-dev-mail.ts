import "server-only";
import type { TAgentSession } from "@/lib/auth/types";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { assertAdmin } from "@/lib/auth/assert-admin";
import { DEV_MAIL_SELECT, toDevMail, type TDevMail } from "@/lib/mail/dev-mail";

/** One mail of the dev mailbox, decrypted (admins only; the read is audited: it holds personal data). */
export async function readDevMail(input: { agent: TAgentSession; id: string }): Promise<TDevMail> {
  assertAdmin(input.agent);
  const row = await db().outboxMessage.findFirst({
    where: { id: input.id, channel: "mail", status: "sent", transport: "dev" },
    select: DEV_MAIL_SELECT,
  });
  if (!row) throw new AppError("not_found", "There is no such mail in the dev mailbox.");
  await recordAuditEvent({
    actorType: "agent",
    actorId: input.agent.agentId,
    action: "mail.dev_mail_read",
    targetType: "outbox_message",
    targetId: row.id,
    metadata: { kind: row.kind },
  });
  return toDevMail(row);
}
