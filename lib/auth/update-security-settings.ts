import "server-only";
import { db } from "@/lib/db";
import { assertAdmin } from "@/lib/auth/assert-admin";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { SECURITY_SETTINGS_KEY, type TStoredSecuritySettings } from "@/lib/auth/security-settings";
import type { TAgentSession } from "@/lib/auth/types";
import type { TRequestMeta } from "@/lib/http/request-meta";
import type { TSecuritySettingsInput } from "@/lib/auth/schemas";

/**
 * `updateSecuritySettings(admin, input, meta)`: whether every agent (not only admins) must use a
 * second factor; agents without one enrol at their next sign-in. Admins only; audited.
 */
export async function updateSecuritySettings(
  admin: TAgentSession,
  input: TSecuritySettingsInput,
  meta: TRequestMeta,
): Promise<TStoredSecuritySettings> {
  assertAdmin(admin);
  const next: TStoredSecuritySettings = { requireSecondFactorForAgents: input.requireSecondFactor };
  await db().$transaction(async (tx) => {
    await tx.setting.upsert({
      where: { key: SECURITY_SETTINGS_KEY },
      create: { key: SECURITY_SETTINGS_KEY, value: next },
      update: { value: next },
    });
    await recordAuditEvent(
      {
        actorType: "agent",
        actorId: admin.agentId,
        action: "settings.security_updated",
        targetType: "setting",
        targetId: SECURITY_SETTINGS_KEY,
        ip: meta.ip,
        userAgent: meta.userAgent,
        metadata: { requireSecondFactorForAgents: next.requireSecondFactorForAgents },
      },
      tx,
    );
  });
  return next;
}
