import "server-only";
import { db } from "@/lib/db";
import { assertAdmin } from "@/lib/auth/assert-admin";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { AppError, parseOrThrow } from "@/lib/errors";
import { ZStoreRef, type TStoreRef } from "@/lib/stores/schemas";
import type { TAdminSession } from "@/lib/auth/types";
import type { TRequestMeta } from "@/lib/http/request-meta";

/**
 * Removes a store with its received-events log (admins; `actor` null for the CLI). Its orders stay:
 * they belong to the buyers, under the store's name as their source.
 */
export async function removeStore(
  actor: TAdminSession | null,
  input: TStoreRef,
  meta: TRequestMeta,
): Promise<{ name: string }> {
  if (actor) assertAdmin(actor);
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
        actorType: actor ? "agent" : "system",
        actorId: actor?.agentId ?? null,
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
