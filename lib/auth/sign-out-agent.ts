import "server-only";
import { revokeAgentSession } from "@/lib/auth/agent-sessions";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { TAgentSession } from "@/lib/auth/types";

/** Revokes the agent's current session (the cookie alone would otherwise stay valid until expiry). */
export async function signOutAgentSession(agent: TAgentSession): Promise<void> {
  await revokeAgentSession(agent.sessionId);
  await recordAuditEvent({ actorType: "agent", actorId: agent.agentId, action: "agent.sign_out" });
}
