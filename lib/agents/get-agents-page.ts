import "server-only";
import { assertAdmin } from "@/lib/auth/assert-admin";
import { listAgents } from "@/lib/agents/list-agents";
import { readSecuritySettings } from "@/lib/auth/security-settings";
import type { TAgentSession } from "@/lib/auth/types";

/** `getAgentsPage(admin)`: the agents page — every agent, and whether all must use a second factor (admins only). */
export async function getAgentsPage(admin: TAgentSession) {
  assertAdmin(admin);
  const [agents, settings] = await Promise.all([listAgents(admin), readSecuritySettings()]);
  return { agents, requireSecondFactorForAgents: settings.requireSecondFactorForAgents };
}
