import "server-only";
import { db } from "@/lib/db";
import { emailIndex } from "@/lib/crypto/blind-index";
import { verifyAgainstDummy, verifyPassword } from "@/lib/auth/password";
import { createAgentSession } from "@/lib/auth/agent-sessions";
import { createPendingAgentSession } from "@/lib/auth/pending-sessions";
import { needsSecondFactor, readSecuritySettings } from "@/lib/auth/security-settings";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { assertNotPaused, clearSignInFailures, countSignInFailure } from "@/lib/auth/sign-in-throttle";
import { ALERT_AFTER_FAILURES, sendSignInAlert } from "@/lib/auth/send-sign-in-alert";
import type { TAgentSignInInput } from "@/lib/agents/schemas";
import type { TRequestMeta } from "@/lib/http/request-meta";
import { AppError } from "@/lib/errors";

export const GENERIC_SIGN_IN_ERROR = "The e-mail address or password is incorrect.";

/**
 * `authenticateAgent(input, meta)` (public): checks an agent's e-mail and password and opens a
 * server-side session (recording `meta.ip` and `meta.userAgent` on it and on the audit events).
 * When the agent needs a second factor (every admin; agents who enrolled, or all when an admin
 * requires it) the session is only "second factor pending" (`secondFactor` says whether to enrol
 * or to give a code), which opens nothing but the second-factor page. Every failure gives the
 * same message and takes the same time whether or not the address is known. Failed passwords slow
 * further tries down per IP and per submitted address (known or not, so the throttle tells nothing
 * either; lib/auth/sign-in-throttle.ts), never for good; a run of failures on a real account mails
 * the agent and the admins once an hour.
 */
export async function authenticateAgent(
  input: TAgentSignInInput,
  meta: TRequestMeta,
): Promise<{ agentId: string; sessionToken: string; secondFactor: "enrol" | "verify" | null }> {
  // Work no client started has no IP; it shares one subject rather than escaping the throttle.
  const subjects = { account: emailIndex(input.email), ip: meta.ip ?? "unknown" };
  await assertNotPaused(subjects);

  const agent = await db().agent.findUnique({
    where: { emailHash: subjects.account },
    select: {
      id: true,
      role: true,
      disabledAt: true,
      passwordHash: true,
      totpEnabledAt: true,
      _count: { select: { passkeys: true } },
    },
  });
  const valid = agent
    ? await verifyPassword(agent.passwordHash, input.password)
    : await verifyAgainstDummy(input.password);
  if (!agent || !valid || agent.disabledAt) {
    await recordAuditEvent({
      actorType: agent ? "agent" : "system",
      actorId: agent?.id ?? null,
      action: "agent.sign_in_failed",
      ip: meta.ip,
      userAgent: meta.userAgent,
      metadata: { reason: !agent ? "unknown_account" : agent.disabledAt ? "disabled" : "bad_password" },
    });
    const { accountFailures, alertDue } = await countSignInFailure(subjects, ALERT_AFTER_FAILURES);
    if (agent && alertDue) await sendSignInAlert(agent.id, accountFailures, meta);
    throw new AppError("unauthorized", GENERIC_SIGN_IN_ERROR);
  }

  await clearSignInFailures(subjects);
  const hasSecondFactor = agent.totpEnabledAt !== null || agent._count.passkeys > 0;
  const pending = needsSecondFactor({ role: agent.role, hasSecondFactor }, await readSecuritySettings());
  const secondFactor = !pending ? null : hasSecondFactor ? "verify" : "enrol";
  const sessionToken = await db().$transaction(async (tx) => {
    if (secondFactor) {
      await recordAuditEvent(
        {
          actorType: "agent",
          actorId: agent.id,
          action: "agent.sign_in_password_accepted",
          ip: meta.ip,
          userAgent: meta.userAgent,
          metadata: { secondFactor },
        },
        tx,
      );
      return createPendingAgentSession(tx, { agentId: agent.id, ip: meta.ip, userAgent: meta.userAgent });
    }
    await tx.agent.update({ where: { id: agent.id }, data: { lastLoginAt: new Date() } });
    await recordAuditEvent(
      { actorType: "agent", actorId: agent.id, action: "agent.sign_in", ip: meta.ip, userAgent: meta.userAgent },
      tx,
    );
    return createAgentSession(tx, { agentId: agent.id, ip: meta.ip, userAgent: meta.userAgent });
  });
  return { agentId: agent.id, sessionToken, secondFactor };
}
