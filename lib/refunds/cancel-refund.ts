import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { TBuyerSession } from "@/lib/auth/types";
import type { TRequestMeta } from "@/lib/http/request-meta";
import type { TCancelRefundInput } from "@/lib/refunds/schemas";

/**
 * `cancelRefund(actor, input, meta)`: the buyer withdraws their own pending refund request
 * (ownership and "still pending" are one conditional update, so a request an agent decided a moment
 * earlier stays decided). Its items are freed for a new request. Repeating the cancel is harmless.
 */
export async function cancelRefund(
  actor: TBuyerSession,
  input: TCancelRefundInput,
  meta: TRequestMeta,
): Promise<{ status: "cancelled" }> {
  const { customerId } = actor;
  return db().$transaction(async (tx) => {
    const done = await tx.refundRequest.updateMany({
      where: { id: input.refundId, customerId, status: "pending" },
      data: { status: "cancelled", firstApprovedById: null, firstApprovedAt: null, approvedItems: undefined },
    });
    if (done.count === 0) {
      const current = await tx.refundRequest.findFirst({
        where: { id: input.refundId, customerId },
        select: { status: true },
      });
      if (!current) throw new AppError("not_found", "There is no such refund request.", { key: "noSuchRefund" });
      if (current.status === "cancelled") return { status: "cancelled" as const };
      throw new AppError("conflict", `This request was already ${current.status} and can no longer be cancelled.`, {
        key: "refundNotCancellable",
        values: { status: current.status },
      });
    }
    await tx.refundItem.updateMany({ where: { refundRequestId: input.refundId }, data: { activeItemId: null } });
    await recordAuditEvent(
      {
        actorType: "customer",
        actorId: customerId,
        customerId,
        action: "refund.cancelled",
        targetType: "refund_request",
        targetId: input.refundId,
        ip: meta.ip,
        userAgent: meta.userAgent,
      },
      tx,
    );
    return { status: "cancelled" as const };
  });
}
