import "server-only";
import { db } from "@/lib/db";
import { readSecuritySettings } from "@/lib/auth/security-settings";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { AppError } from "@/lib/errors";
import type { TAgentSession } from "@/lib/auth/types";
import type { TRequestMeta } from "@/lib/http/request-meta";
import type { TRemovePasskeyInput } from "@/lib/auth/passkeys/schemas";

export const LAST_SECOND_FACTOR =
  "This is your only second factor and your account must have one. Add another passkey or an authenticator app first.";

/**
 * `removePasskey(agent, { passkeyId }, meta)`: removes one of the agent's own passkeys (another
 * agent's is not found). Refused when it is the last second factor of an account that must have
 * one (every admin; every agent when an admin requires it). Audited.
 */
export async function removePasskey(
  agent: TAgentSession,
  input: TRemovePasskeyInput,
  meta: TRequestMeta,
): Promise<void> {
  await db().$transaction(async (tx) => {
    const passkey = await tx.agentPasskey.findFirst({
      where: { id: input.passkeyId, agentId: agent.agentId },
      select: { id: true },
    });
    if (!passkey) throw new AppError("not_found", "There is no such passkey.");
    const owner = await tx.agent.findUniqueOrThrow({
      where: { id: agent.agentId },
      select: { role: true, totpEnabledAt: true, _count: { select: { passkeys: true } } },
    });
    const mustHaveOne = owner.role === "admin" || (await readSecuritySettings(tx)).requireSecondFactorForAgents;
    if (mustHaveOne && owner.totpEnabledAt === null && owner._count.passkeys <= 1) {
      throw new AppError("conflict", LAST_SECOND_FACTOR);
    }
    await tx.agentPasskey.delete({ where: { id: passkey.id } });
    await recordAuditEvent(
      {
        actorType: "agent",
        actorId: agent.agentId,
        action: "agent.passkey_removed",
        targetType: "passkey",
        targetId: passkey.id,
        ip: meta.ip,
        userAgent: meta.userAgent,
      },
      tx,
    );
  });
}
