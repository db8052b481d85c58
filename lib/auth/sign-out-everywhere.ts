import "server-only";
import { db } from "@/lib/db";
import { revokeAllAgentSessions } from "@/lib/auth/agent-sessions";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { TAgentSession } from "@/lib/auth/types";
import type { TRequestMeta } from "@/lib/http/request-meta";

/**
 * `signOutAgentEverywhere(agent, meta)`: ends every session of the agent — on every device, this
 * one included, and any sign-in waiting for its second factor. Audited; returns how many ended.
 */
export async function signOutAgentEverywhere(agent: TAgentSession, meta: TRequestMeta): Promise<number> {
  return db().$transaction(async (tx) => {
    const count = await revokeAllAgentSessions(agent.agentId, tx);
    await recordAuditEvent(
      {
        actorType: "agent",
        actorId: agent.agentId,
        action: "agent.signed_out_everywhere",
        ip: meta.ip,
        userAgent: meta.userAgent,
        metadata: { sessionsEnded: count },
      },
      tx,
    );
    return count;
  });
}
