import "server-only";
import { db } from "@/lib/db";
import { assertAdmin } from "@/lib/auth/assert-admin";
import { revokeAllAgentSessions } from "@/lib/auth/agent-sessions";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { AppError } from "@/lib/errors";
import type { TAgentSession } from "@/lib/auth/types";
import type { TRequestMeta } from "@/lib/http/request-meta";
import type { TSetAgentDisabledInput } from "@/lib/agents/schemas";

/**
 * `setAgentDisabled(admin, { agentId, disabled }, meta)`: disables (ending all their sessions at
 * once) or re-enables an agent. Admins only; an admin cannot disable themselves, and the last
 * active admin cannot be disabled.
 */
export async function setAgentDisabled(
  admin: TAgentSession,
  input: TSetAgentDisabledInput,
  meta: TRequestMeta,
): Promise<void> {
  assertAdmin(admin);
  if (input.disabled && input.agentId === admin.agentId) {
    throw new AppError("conflict", "You cannot disable your own account.");
  }
  await db().$transaction(async (tx) => {
    const target = await tx.agent.findUnique({ where: { id: input.agentId }, select: { id: true, role: true } });
    if (!target) throw new AppError("not_found", "There is no such agent.");
    if (input.disabled && target.role === "admin") {
      const activeAdmins = await tx.agent.count({ where: { role: "admin", disabledAt: null } });
      if (activeAdmins <= 1) throw new AppError("conflict", "Keydesk needs at least one active admin.");
    }
    await tx.agent.update({ where: { id: target.id }, data: { disabledAt: input.disabled ? new Date() : null } });
    if (input.disabled) await revokeAllAgentSessions(target.id, tx);
    await recordAuditEvent(
      {
        actorType: "agent",
        actorId: admin.agentId,
        action: input.disabled ? "agent.disabled" : "agent.enabled",
        targetType: "agent",
        targetId: target.id,
        ip: meta.ip,
        userAgent: meta.userAgent,
      },
      tx,
    );
  });
}
