import "server-only";
import { ENC } from "@/lib/crypto/contexts";
import { db } from "@/lib/db";
import { decrypt } from "@/lib/crypto/encryption";
import { env } from "@/lib/env";
import { enqueueMail } from "@/lib/mail/enqueue-mail";
import { renderMailIn } from "@/lib/mail/render";
import { agentSignInAlertMail } from "@/lib/mail/templates/agent-sign-in-alert";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { TRequestMeta } from "@/lib/http/request-meta";

/** After this many failed passwords in a row for one account, the agent and the admins are told. */
export const ALERT_AFTER_FAILURES = 10;

/**
 * Mails the agent whose password keeps failing, and every other active admin, through the outbox
 * (one transaction with the audit event). The mails carry no address the attempts came from and
 * no password: only that it happens, and what to do.
 */
export async function sendSignInAlert(agentId: string, failures: number, meta: TRequestMeta): Promise<void> {
  const agent = await db().agent.findUnique({ where: { id: agentId }, select: { name: true, emailEnc: true } });
  if (!agent) return;
  const admins = await db().agent.findMany({
    where: { role: "admin", disabledAt: null, id: { not: agentId } },
    select: { emailEnc: true },
  });
  const alert = (to: "own" | "admin", url: string) =>
    renderMailIn(undefined, "en", (ctx) => agentSignInAlertMail(ctx, { to, failures, agentName: agent.name, url }));
  const own = await alert("own", `${env().appUrl}/agent/security`);
  const forAdmins = await alert("admin", `${env().appUrl}/agent/audit`);
  await db().$transaction(async (tx) => {
    await enqueueMail(tx, {
      kind: "agent.sign_in_alert",
      to: decrypt(agent.emailEnc, ENC.agentEmail),
      ...own,
    });
    for (const admin of admins) {
      await enqueueMail(tx, {
        kind: "agent.sign_in_alert_admin",
        to: decrypt(admin.emailEnc, ENC.agentEmail),
        ...forAdmins,
      });
    }
    await recordAuditEvent(
      {
        actorType: "system",
        action: "agent.sign_in_alert",
        targetType: "agent",
        targetId: agentId,
        ip: meta.ip,
        userAgent: meta.userAgent,
        metadata: { failures, adminsMailed: admins.length },
      },
      tx,
    );
  });
}
