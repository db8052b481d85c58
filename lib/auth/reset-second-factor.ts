import "server-only";
import { db } from "@/lib/db";
import { assertAdmin } from "@/lib/auth/assert-admin";
import { revokeAllAgentSessions } from "@/lib/auth/agent-sessions";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { AppError } from "@/lib/errors";
import type { TAgentSession } from "@/lib/auth/types";
import type { TRequestMeta } from "@/lib/http/request-meta";
import type { TResetSecondFactorInput } from "@/lib/auth/schemas";

/**
 * `resetSecondFactor(admin, { agentId }, meta)`: for an agent who lost their phone and their
 * recovery codes — removes their authenticator app, recovery codes and passkeys and ends their sessions, so
 * their next sign-in starts a new enrolment. Admins only, never on their own account (a stolen admin
 * session must not be able to swap the second factor); audited.
 */
export async function resetSecondFactor(
  admin: TAgentSession,
  input: TResetSecondFactorInput,
  meta: TRequestMeta,
): Promise<void> {
  assertAdmin(admin);
  if (input.agentId === admin.agentId) {
    throw new AppError("forbidden", "You cannot reset your own second factor. Ask another admin.");
  }
  await db().$transaction(async (tx) => {
    const target = await tx.agent.findUnique({
      where: { id: input.agentId },
      select: { id: true, totpEnabledAt: true },
    });
    if (!target) throw new AppError("not_found", "There is no such agent.");
    await tx.agent.update({
      where: { id: target.id },
      data: { totpSecretEnc: null, totpEnabledAt: null, totpLastStep: null },
    });
    await tx.agentRecoveryCode.deleteMany({ where: { agentId: target.id } });
    const passkeys = await tx.agentPasskey.deleteMany({ where: { agentId: target.id } });
    const sessionsEnded = await revokeAllAgentSessions(target.id, tx);
    await recordAuditEvent(
      {
        actorType: "agent",
        actorId: admin.agentId,
        action: "agent.second_factor_reset",
        targetType: "agent",
        targetId: target.id,
        ip: meta.ip,
        userAgent: meta.userAgent,
        metadata: { wasEnrolled: target.totpEnabledAt !== null, passkeysRemoved: passkeys.count, sessionsEnded },
      },
      tx,
    );
  });
}
