import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { AppError, fieldErrorsOf } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { TAgentSession } from "@/lib/auth/types";

const ZInput = z.object({
  refundId: z.string().min(1).max(64),
  reference: z
    .string()
    .trim()
    .min(1, "Enter the payment processor's refund reference.")
    .max(200, "At most 200 characters."),
});

/**
 * Manual gateway: an agent records the payment processor's refund reference once the money went
 * back; the request moves from "awaiting refund" to "processed". Only once (a conditional update).
 */
export async function recordGatewayReference(input: {
  agent: TAgentSession;
  refundId: string;
  reference: string;
  ip?: string | null;
  userAgent?: string | null;
}): Promise<{ gatewayStatus: "processed" }> {
  const parsed = ZInput.safeParse(input);
  if (!parsed.success)
    throw new AppError("invalid_input", "Please correct the highlighted fields.", {
      fieldErrors: fieldErrorsOf(parsed.error.issues),
    });
  const { refundId, reference } = parsed.data;
  return db().$transaction(async (tx) => {
    const done = await tx.refundRequest.updateMany({
      where: { id: refundId, status: "approved", gatewayStatus: "awaiting_refund" },
      data: { gatewayStatus: "processed", gatewayReference: reference },
    });
    if (done.count === 0) {
      const current = await tx.refundRequest.findUnique({ where: { id: refundId }, select: { gatewayStatus: true } });
      if (!current) throw new AppError("not_found", "There is no such refund request.");
      throw new AppError("conflict", "This refund is not awaiting a manual refund (it may already have a reference).");
    }
    const request = await tx.refundRequest.findUniqueOrThrow({ where: { id: refundId }, select: { customerId: true } });
    await recordAuditEvent(
      {
        actorType: "agent",
        actorId: input.agent.agentId,
        customerId: request.customerId,
        action: "refund.gateway_recorded",
        targetType: "refund_request",
        targetId: refundId,
        ip: input.ip,
        userAgent: input.userAgent,
        metadata: { gateway: "manual" },
      },
      tx,
    );
    return { gatewayStatus: "processed" as const };
  });
}
