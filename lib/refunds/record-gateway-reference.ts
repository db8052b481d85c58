import "server-only";
import { redactCardNumbers } from "@/lib/redaction/redact-card-numbers";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { TAgentSession } from "@/lib/auth/types";
import type { TRequestMeta } from "@/lib/http/request-meta";
import type { TRecordGatewayReferenceInput } from "@/lib/refunds/schemas";

/**
 * `recordGatewayReference(actor, input, meta)`. Manual gateway: an agent records the payment
 * processor's refund reference once the money went back; the request moves from "awaiting refund"
 * to "processed". Only once (a conditional update).
 */
export async function recordGatewayReference(
  actor: TAgentSession,
  input: TRecordGatewayReferenceInput,
  meta: TRequestMeta,
): Promise<{ gatewayStatus: "processed" }> {
  const { refundId, reference } = input;
  return db().$transaction(async (tx) => {
    const done = await tx.refundRequest.updateMany({
      where: { id: refundId, status: "approved", gatewayStatus: "awaiting_refund" },
      // Agents paste what the processor shows; a card number in it is never stored.
      data: { gatewayStatus: "processed", gatewayReference: redactCardNumbers(reference).text },
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
        actorId: actor.agentId,
        customerId: request.customerId,
        action: "refund.gateway_recorded",
        targetType: "refund_request",
        targetId: refundId,
        ip: meta.ip,
        userAgent: meta.userAgent,
        metadata: { gateway: "manual" },
      },
      tx,
    );
    return { gatewayStatus: "processed" as const };
  });
}
