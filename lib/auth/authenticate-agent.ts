import "server-only";
import { db } from "@/lib/db";
import { emailIndex } from "@/lib/crypto/blind-index";
import { verifyAgainstDummy, verifyPassword } from "@/lib/auth/password";
import { createAgentSession } from "@/lib/auth/agent-sessions";
import { createPendingAgentSession } from "@/lib/auth/pending-sessions";
import { needsSecondFactor, readSecuritySettings } from "@/lib/auth/security-settings";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { consumeRateLimit, humanWait, resetRateLimit, type TLimit } from "@/lib/ratelimit/consume";
import type { TAgentSignInInput } from "@/lib/agents/schemas";
import type { TRequestMeta } from "@/lib/http/request-meta";
import { AppError } from "@/lib/errors";

export const SIGN_IN_LIMIT_PER_IP: TLimit = { name: "agent-sign-in:ip", max: 30, windowSeconds: 15 * 60 };
export const SIGN_IN_LIMIT_PER_ACCOUNT: TLimit = { name: "agent-sign-in:account", max: 8, windowSeconds: 15 * 60 };

export const GENERIC_SIGN_IN_ERROR = "The e-mail address or password is incorrect.";

/**
 * `authenticateAgent(input, meta)` (public): checks an agent's e-mail and password and opens a
 * server-side session (recording `meta.ip` and `meta.userAgent` on it and on the audit events).
 * When the agent needs a second factor (every admin; agents who enrolled, or all when an admin
 * requires it) the session is only "second factor pending" (`secondFactor` says whether to enrol
 * or to give a code), which opens nothing but the second-factor page. Every failure gives the
 * same message and takes the same time whether or not the address is known; attempts are throttled
 * per IP and per submitted address (known or not, so the throttle tells nothing either).
 */
export async function authenticateAgent(
  input: TAgentSignInInput,
  meta: TRequestMeta,
): Promise<{ agentId: string; sessionToken: string; secondFactor: "enrol" | "verify" | null }> {
  const accountKey = emailIndex(input.email);

  for (const [limit, subject] of [
    // Work no client started has no IP; it shares one bucket rather than escaping the limit.
    [SIGN_IN_LIMIT_PER_IP, meta.ip ?? "unknown"],
    [SIGN_IN_LIMIT_PER_ACCOUNT, accountKey],
  ] as const) {
    const result = await consumeRateLimit(limit, subject);
    if (!result.allowed) {
      throw new AppError(
        "rate_limited",
        `Too many sign-in attempts. Try again in ${humanWait(result.retryAfterSeconds)}.`,
        {
          retryAfterSeconds: result.retryAfterSeconds,
        },
      );
    }
  }

  const agent = await db().agent.findUnique({
    where: { emailHash: accountKey },
    select: { id: true, role: true, disabledAt: true, passwordHash: true, totpEnabledAt: true },
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
    throw new AppError("unauthorized", GENERIC_SIGN_IN_ERROR);
  }

  await resetRateLimit(SIGN_IN_LIMIT_PER_ACCOUNT, accountKey);
  const pending = needsSecondFactor(agent, await readSecuritySettings());
  const secondFactor = !pending ? null : agent.totpEnabledAt ? "verify" : "enrol";
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
