import "server-only";
import { db } from "@/lib/db";
import { assertAdmin } from "@/lib/auth/assert-admin";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { AppError, fieldErrorsOf } from "@/lib/errors";
import type { TAgentSession } from "@/lib/auth/types";
import { ZProductSettings, type TProductSettings } from "@/lib/products/schemas";

/**
 * Changes a product's refund window, download-link lifetime and downloads per link (admins only).
 * Applies to links made from now on; links already handed out keep their terms. Audited with the
 * old and new values.
 */
export async function updateProduct(input: {
  admin: TAgentSession;
  productId: string;
  settings: Record<keyof TProductSettings, unknown>;
  ip?: string | null;
  userAgent?: string | null;
}): Promise<TProductSettings> {
  assertAdmin(input.admin);
  const parsed = ZProductSettings.safeParse(input.settings);
  if (!parsed.success) {
    throw new AppError("invalid_input", "Please correct the highlighted fields.", {
      fieldErrors: fieldErrorsOf(parsed.error.issues),
    });
  }
  const next = parsed.data;
  return db().$transaction(async (tx) => {
    const before = await tx.product.findUnique({
      where: { id: input.productId },
      select: { id: true, refundWindowDays: true, downloadTtlHours: true, downloadLimit: true },
    });
    if (!before) throw new AppError("not_found", "There is no such product.");
    await tx.product.update({ where: { id: before.id }, data: next });
    await recordAuditEvent(
      {
        actorType: "agent",
        actorId: input.admin.agentId,
        action: "product.updated",
        targetType: "product",
        targetId: before.id,
        ip: input.ip,
        userAgent: input.userAgent,
        metadata: {
          refundWindowDays: `${before.refundWindowDays}->${next.refundWindowDays}`,
          downloadTtlHours: `${before.downloadTtlHours}->${next.downloadTtlHours}`,
          downloadLimit: `${before.downloadLimit}->${next.downloadLimit}`,
        },
      },
      tx,
    );
    return next;
  });
}
