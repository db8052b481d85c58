import "server-only";
import { z } from "zod";
import { db, type TTx } from "@/lib/db";

/** The `Setting` row with the sign-in rules admins choose. */
export const SECURITY_SETTINGS_KEY = "security";

export const ZStoredSecuritySettings = z.object({
  /** Admins always need the second factor; with this, every agent does. */
  requireSecondFactorForAgents: z.boolean().default(false),
});
export type TStoredSecuritySettings = z.infer<typeof ZStoredSecuritySettings>;

/** The stored security settings, or the defaults. A row that does not parse throws (never a silent downgrade). */
export async function readSecuritySettings(tx?: TTx): Promise<TStoredSecuritySettings> {
  const row = await (tx ?? db()).setting.findUnique({ where: { key: SECURITY_SETTINGS_KEY }, select: { value: true } });
  return ZStoredSecuritySettings.parse(row?.value ?? {});
}

/**
 * Whether an agent must give a second factor after the password: admins, agents with one (an
 * authenticator app or a passkey), or all when required.
 */
export function needsSecondFactor(
  agent: { role: "admin" | "agent"; hasSecondFactor: boolean },
  settings: TStoredSecuritySettings,
): boolean {
  return agent.role === "admin" || agent.hasSecondFactor || settings.requireSecondFactorForAgents;
}
