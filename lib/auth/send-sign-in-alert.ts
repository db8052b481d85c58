import "server-only";
import { ENC } from "@/lib/crypto/contexts";
import { db } from "@/lib/db";
import { decrypt } from "@/lib/crypto/encryption";
import { env } from "@/lib/env";
import { enqueueMail } from "@/lib/mail/enqueue-mail";
import { renderMail } from "@/lib/mail/render";
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
  const consoleUrl = `${env().appUrl}/agent/security`;
  const own = renderMail({
    preheader: "Someone is trying passwords on your console account.",
    heading: "Failed sign-ins to your account",
    paragraphs: [
      `${failures} sign-ins to your Keydesk console account failed in a row, with a wrong password.`,
      "If that was not you, someone is guessing your password. Each further failure makes them wait longer; your account stays open to you. Choose a long, unique password, and add a passkey or an authenticator app if you have not.",
    ],
    action: { label: "Open your security settings", url: consoleUrl },
  });
  const forAdmins = renderMail({
    preheader: "Someone is trying passwords on an agent's account.",
    heading: "Failed sign-ins to an agent's account",
    paragraphs: [
      `${failures} sign-ins to the console account of ${agent.name} failed in a row, with a wrong password.`,
      "The account is slowed down, not locked. The audit log shows the attempts and where they came from.",
    ],
    action: { label: "Open the audit log", url: `${env().appUrl}/agent/audit` },
  });
  await db().$transaction(async (tx) => {
    await enqueueMail(tx, {
      kind: "agent.sign_in_alert",
      to: decrypt(agent.emailEnc, ENC.agentEmail),
      subject: "Failed sign-ins to your Keydesk account",
      ...own,
    });
    for (const admin of admins) {
      await enqueueMail(tx, {
        kind: "agent.sign_in_alert_admin",
        to: decrypt(admin.emailEnc, ENC.agentEmail),
        subject: "Failed sign-ins to an agent's Keydesk account",
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
