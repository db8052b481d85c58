import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { assertAdmin } from "@/lib/auth/assert-admin";
import { AppError } from "@/lib/errors";
import type { TAgentSession } from "@/lib/auth/types";

/** An admin turns an erasure request down (e.g. the buyer asked support to withdraw it); audited. */
export async function denyErasure(input: {
  agent: TAgentSession;
  requestId: unknown;
  ip?: string | null;
  userAgent?: string | null;
}): Promise<void> {
  assertAdmin(input.agent);
  const requestId = z.string().min(1).max(64).safeParse(input.requestId);
  if (!requestId.success) throw new AppError("not_found", "Erasure request not found.");
  await db().$transaction(async (tx) => {
    const request = await tx.erasureRequest.findUnique({ where: { id: requestId.data }, select: { customerId: true } });
    if (!request) throw new AppError("not_found", "Erasure request not found.");
    const updated = await tx.erasureRequest.updateMany({
      where: { id: requestId.data, status: "pending" },
      data: { status: "denied", decidedById: input.agent.agentId, decidedAt: new Date() },
    });
    if (updated.count !== 1) throw new AppError("conflict", "This request was already decided.");
    await recordAuditEvent(
      {
        actorType: "agent",
        actorId: input.agent.agentId,
        customerId: request.customerId,
        action: "privacy.erasure_denied",
        targetType: "erasure_request",
        targetId: requestId.data,
        ip: input.ip,
        userAgent: input.userAgent,
      },
      tx,
    );
  });
}
