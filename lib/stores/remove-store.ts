import "server-only";
import { db } from "@/lib/db";
import { assertOperator, operatorAuditActor, type TOperator } from "@/lib/auth/assert-operator";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { AppError, parseOrThrow } from "@/lib/errors";
import { ZStoreRef, type TStoreRef } from "@/lib/stores/schemas";
import type { TRequestMeta } from "@/lib/http/request-meta";

/**
 * Removes a store with its received-events log (admins, or `CLI_ACTOR` for the CLI). Its orders stay:
 * they belong to the buyers, under the store's name as their source.
 */
export async function removeStore(actor: TOperator, input: TStoreRef, meta: TRequestMeta): Promise<{ name: string }> {
  assertOperator(actor);
  const { storeId } = parseOrThrow(ZStoreRef, input);
  return db().$transaction(async (tx) => {
    const store = await tx.store.findUnique({
      where: { id: storeId },
      select: { id: true, name: true, provider: true },
    });
    if (!store) throw new AppError("not_found", "There is no such store.");
    await tx.store.delete({ where: { id: store.id } });
    await recordAuditEvent(
      {
        ...operatorAuditActor(actor),
        action: "store.removed",
        targetType: "store",
        targetId: store.id,
        ip: meta.ip,
        userAgent: meta.userAgent,
        metadata: { provider: store.provider },
      },
      tx,
    );
    return { name: store.name };
  });
}
