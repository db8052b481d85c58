import "server-only";
import { db } from "@/lib/db";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { assertAdmin } from "@/lib/auth/assert-admin";
import { AppError } from "@/lib/errors";
import type { TAgentSession } from "@/lib/auth/types";
import type { TRequestMeta } from "@/lib/http/request-meta";
import type { TErasureRequestRefInput } from "@/lib/privacy/schemas";

/**
 * `denyErasure(agent, input, meta)` — an admin turns an erasure request down (e.g. the buyer asked
 * support to withdraw it); audited. Agents who are not admins are refused.
 */
export async function denyErasure(
  agent: TAgentSession,
  input: TErasureRequestRefInput,
  meta: TRequestMeta,
): Promise<void> {
  assertAdmin(agent);
  await db().$transaction(async (tx) => {
    const request = await tx.erasureRequest.findUnique({
      where: { id: input.requestId },
      select: { customerId: true },
    });
    if (!request) throw new AppError("not_found", "Erasure request not found.");
    const updated = await tx.erasureRequest.updateMany({
      where: { id: input.requestId, status: "pending" },
      data: { status: "denied", decidedById: agent.agentId, decidedAt: new Date() },
    });
    if (updated.count !== 1) throw new AppError("conflict", "This request was already decided.");
    await recordAuditEvent(
      {
        actorType: "agent",
        actorId: agent.agentId,
        customerId: request.customerId,
        action: "privacy.erasure_denied",
        targetType: "erasure_request",
        targetId: input.requestId,
        ip: meta.ip,
        userAgent: meta.userAgent,
      },
      tx,
    );
  });
}
