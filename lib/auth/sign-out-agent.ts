import "server-only";
import { revokeAgentSession } from "@/lib/auth/agent-sessions";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { TAgentSession } from "@/lib/auth/types";
import type { TRequestMeta } from "@/lib/http/request-meta";

/**
 * `signOutAgentSession(agent, meta)`: revokes the agent's current session (the cookie alone would
 * otherwise stay valid until expiry) and audits the sign-out.
 */
export async function signOutAgentSession(agent: TAgentSession, meta: TRequestMeta): Promise<void> {
  await revokeAgentSession(agent.sessionId);
  await recordAuditEvent({
    actorType: "agent",
    actorId: agent.agentId,
    action: "agent.sign_out",
    ip: meta.ip,
    userAgent: meta.userAgent,
  });
}
