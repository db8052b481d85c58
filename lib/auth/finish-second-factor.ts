import "server-only";
import { db, type TTx } from "@/lib/db";
import { clearSecondFactorAttempts } from "@/lib/auth/second-factor-attempts";
import { markSecondFactorGiven } from "@/lib/auth/pending-sessions";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { AppError } from "@/lib/errors";
import type { TPendingAgent } from "@/lib/auth/types";
import type { TRequestMeta } from "@/lib/http/request-meta";

/** How an agent gave their second factor (the audit event's `metadata.method`). */
export type TSecondFactorMethod = "totp" | "recovery_code" | "passkey";

/**
 * The end every second factor shares (codes and passkeys): in one transaction, `accept(tx)` checks
 * the proof and claims what it uses (a time step, a recovery code, a passkey counter); if it holds,
 * the pending session is marked verified and `agent.second_factor_verified` recorded with it.
 * Otherwise `agent.second_factor_failed` is recorded and `refused()` thrown. A success clears the
 * agent's attempt counter. The caller has already counted the attempt (`countSecondFactorAttempt`).
 */
export async function finishSecondFactor(
  pending: TPendingAgent,
  method: TSecondFactorMethod,
  meta: TRequestMeta,
  accept: (tx: TTx) => Promise<boolean>,
  refused: () => AppError,
): Promise<void> {
  const event = (action: "agent.second_factor_verified" | "agent.second_factor_failed") => ({
    actorType: "agent" as const,
    actorId: pending.agentId,
    action,
    ip: meta.ip,
    userAgent: meta.userAgent,
    metadata: { method },
  });
  const accepted = await db().$transaction(async (tx) => {
    if (!(await accept(tx))) return false;
    await markSecondFactorGiven(tx, pending.sessionId);
    await recordAuditEvent(event("agent.second_factor_verified"), tx);
    return true;
  });
  if (!accepted) {
    await recordAuditEvent(event("agent.second_factor_failed"));
    throw refused();
  }
  await clearSecondFactorAttempts(pending.agentId);
}
