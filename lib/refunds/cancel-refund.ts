import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { TBuyerSession } from "@/lib/auth/types";

const ZId = z.string().min(1).max(64);

/**
 * The buyer withdraws their own pending refund request (ownership and "still pending" are one
 * conditional update, so a request an agent decided a moment earlier stays decided). Its items are
 * freed for a new request. Repeating the cancel is harmless.
 */
export async function cancelRefund(input: {
  buyer: TBuyerSession;
  refundId: string;
  ip?: string | null;
  userAgent?: string | null;
}): Promise<{ status: "cancelled" }> {
  if (!ZId.safeParse(input.refundId).success) throw new AppError("not_found", "There is no such refund request.");
  const { customerId } = input.buyer;
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
      if (!current) throw new AppError("not_found", "There is no such refund request.");
      if (current.status === "cancelled") return { status: "cancelled" as const };
      throw new AppError("conflict", `This request was already ${current.status} and can no longer be cancelled.`);
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
        ip: input.ip,
        userAgent: input.userAgent,
      },
      tx,
    );
    return { status: "cancelled" as const };
  });
}
