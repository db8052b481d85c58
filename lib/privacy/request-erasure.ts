import "server-only";
import { db } from "@/lib/db";
import { newId } from "@/lib/crypto/tokens";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { AppError } from "@/lib/errors";
import type { TBuyerSession } from "@/lib/auth/types";
import type { TRequestMeta } from "@/lib/http/request-meta";
import type { TRequestErasureInput } from "@/lib/privacy/schemas";

/**
 * `requestErasure(buyer, input, meta)` — the buyer asks for their personal data to be erased; an
 * admin decides. Refused unless the buyer confirmed they understand what erasure means (it cannot
 * be undone, whoever calls this). One pending request at a time: asking again (a double click)
 * returns the pending one.
 */
export async function requestErasure(
  buyer: TBuyerSession,
  input: TRequestErasureInput,
  meta: TRequestMeta,
): Promise<{ id: string; created: boolean }> {
  if (!input.confirm)
    throw new AppError("invalid_input", "Tick the box to confirm that you understand what erasure means.", {
      fieldErrors: { confirm: ["Tick this box to continue"] },
      key: "erasureConfirm",
      fieldKeys: { confirm: "erasureConfirmField" },
    });
  const { customerId } = buyer;
  return db().$transaction(async (tx) => {
    const pending = await tx.erasureRequest.findFirst({
      where: { customerId, status: "pending" },
      select: { id: true },
    });
    if (pending) return { id: pending.id, created: false };
    const customer = await tx.customer.findUnique({ where: { id: customerId }, select: { erasedAt: true } });
    if (!customer || customer.erasedAt)
      throw new AppError("not_found", "Account not found.", { key: "accountNotFound" });
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
        ip: meta.ip,
        userAgent: meta.userAgent,
      },
      tx,
    );
    return { id, created: true };
  });
}
