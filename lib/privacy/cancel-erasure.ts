import "server-only";
import { db } from "@/lib/db";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { AppError } from "@/lib/errors";
import type { TBuyerSession } from "@/lib/auth/types";
import type { TRequestMeta } from "@/lib/http/request-meta";

/** `cancelErasure(buyer, meta)` — the buyer withdraws their pending erasure request (before an admin decided). */
export async function cancelErasure(buyer: TBuyerSession, meta: TRequestMeta): Promise<void> {
  const { customerId } = buyer;
  await db().$transaction(async (tx) => {
    const pending = await tx.erasureRequest.findFirst({
      where: { customerId, status: "pending" },
      select: { id: true },
    });
    if (!pending) throw new AppError("not_found", "There is no pending erasure request.", { key: "noPendingErasure" });
    const updated = await tx.erasureRequest.updateMany({
      where: { id: pending.id, status: "pending" },
      data: { status: "cancelled", decidedAt: new Date() },
    });
    if (updated.count !== 1)
      throw new AppError("conflict", "The request was decided in the meantime.", { key: "erasureDecided" });
    await recordAuditEvent(
      {
        actorType: "customer",
        actorId: customerId,
        customerId,
        action: "account.erasure_cancelled",
        targetType: "erasure_request",
        targetId: pending.id,
        ip: meta.ip,
        userAgent: meta.userAgent,
      },
      tx,
    );
  });
}
