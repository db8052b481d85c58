import "server-only";
import { db } from "@/lib/db";
import { assertAdmin } from "@/lib/auth/assert-admin";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { AppError } from "@/lib/errors";
import type { TAgentSession } from "@/lib/auth/types";
import type { TRequestMeta } from "@/lib/http/request-meta";
import type { TSetProductFileActiveInput } from "@/lib/products/schemas";

/**
 * `setProductFileActive(actor, input, meta)`: offers a product file to buyers again, or withdraws
 * it (admins only). A withdrawn file gets no new links, and links already handed out stop working
 * at once (checked at download time).
 */
export async function setProductFileActive(
  actor: TAgentSession,
  input: TSetProductFileActiveInput,
  meta: TRequestMeta,
): Promise<void> {
  assertAdmin(actor);
  await db().$transaction(async (tx) => {
    const file = await tx.productFile.findUnique({
      where: { id: input.fileId },
      select: { id: true, productId: true, active: true },
    });
    if (!file) throw new AppError("not_found", "There is no such file.");
    if (file.active === input.active) return;
    await tx.productFile.update({ where: { id: file.id }, data: { active: input.active } });
    await recordAuditEvent(
      {
        actorType: "agent",
        actorId: actor.agentId,
        action: input.active ? "product_file.activated" : "product_file.deactivated",
        targetType: "product_file",
        targetId: file.id,
        ip: meta.ip,
        userAgent: meta.userAgent,
        metadata: { productId: file.productId },
      },
      tx,
    );
  });
}
