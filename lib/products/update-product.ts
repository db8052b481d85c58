import "server-only";
import { db } from "@/lib/db";
import { assertAdmin } from "@/lib/auth/assert-admin";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { AppError } from "@/lib/errors";
import type { TAgentSession } from "@/lib/auth/types";
import type { TRequestMeta } from "@/lib/http/request-meta";
import type { TProductSettings, TUpdateProductInput } from "@/lib/products/schemas";

/**
 * `updateProduct(actor, input, meta)`: changes a product's refund window, download-link lifetime
 * and downloads per link (admins only). Applies to links made from now on; links already handed out
 * keep their terms. Audited with the old and new values.
 */
export async function updateProduct(
  actor: TAgentSession,
  input: TUpdateProductInput,
  meta: TRequestMeta,
): Promise<TProductSettings> {
  assertAdmin(actor);
  const { productId } = input;
  const next: TProductSettings = {
    refundWindowDays: input.refundWindowDays,
    downloadTtlHours: input.downloadTtlHours,
    downloadLimit: input.downloadLimit,
  };
  return db().$transaction(async (tx) => {
    const before = await tx.product.findUnique({
      where: { id: productId },
      select: { id: true, refundWindowDays: true, downloadTtlHours: true, downloadLimit: true },
    });
    if (!before) throw new AppError("not_found", "There is no such product.");
    await tx.product.update({ where: { id: before.id }, data: next });
    await recordAuditEvent(
      {
        actorType: "agent",
        actorId: actor.agentId,
        action: "product.updated",
        targetType: "product",
        targetId: before.id,
        ip: meta.ip,
        userAgent: meta.userAgent,
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
