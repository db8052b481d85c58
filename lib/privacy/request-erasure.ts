import "server-only";
import { db } from "@/lib/db";
import { newId } from "@/lib/crypto/tokens";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { AppError } from "@/lib/errors";
import type { TBuyerSession } from "@/lib/auth/types";

/**
 * The buyer asks for their personal data to be erased; an admin decides. One pending request at a
 * time: asking again (a double click) returns the pending one.
 */
export async function requestErasure(input: {
  buyer: TBuyerSession;
  ip?: string | null;
  userAgent?: string | null;
}): Promise<{ id: string; created: boolean }> {
  const { customerId } = input.buyer;
  return db().$transaction(async (tx) => {
    const pending = await tx.erasureRequest.findFirst({
      where: { customerId, status: "pending" },
      select: { id: true },
    });
    if (pending) return { id: pending.id, created: false };
    const customer = await tx.customer.findUnique({ where: { id: customerId }, select: { erasedAt: true } });
    if (!customer || customer.erasedAt) throw new AppError("not_found", "Account not found.");
    const id = newId();
    await tx.erasureRequest.create({ data: { id, customerId } });
    await recordAuditEvent(
      {
        actorType: "customer",
        actorId: customerId,
        customerId,
        action: "account.erasure_requested",
        targetType: "erasure_request",
        targetId: id,
        ip: input.ip,
        userAgent: input.userAgent,
      },
      tx,
    );
    return { id, created: true };
  });
}

/** The buyer withdraws their pending erasure request. */
export async function cancelErasure(input: {
  buyer: TBuyerSession;
  ip?: string | null;
  userAgent?: string | null;
}): Promise<void> {
  const { customerId } = input.buyer;
  await db().$transaction(async (tx) => {
    const pending = await tx.erasureRequest.findFirst({
      where: { customerId, status: "pending" },
      select: { id: true },
    });
    if (!pending) throw new AppError("not_found", "There is no pending erasure request.");
    const updated = await tx.erasureRequest.updateMany({
      where: { id: pending.id, status: "pending" },
      data: { status: "cancelled", decidedAt: new Date() },
    });
    if (updated.count !== 1) throw new AppError("conflict", "The request was decided in the meantime.");
    await recordAuditEvent(
      {
        actorType: "customer",
        actorId: customerId,
        customerId,
        action: "account.erasure_cancelled",
        targetType: "erasure_request",
        targetId: pending.id,
        ip: input.ip,
        userAgent: input.userAgent,
      },
      tx,
    );
  });
}
