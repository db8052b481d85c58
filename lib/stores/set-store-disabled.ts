import "server-only";
import { db } from "@/lib/db";
import { assertAdmin } from "@/lib/auth/assert-admin";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { AppError, parseOrThrow } from "@/lib/errors";
import { ZSetStoreDisabled, type TSetStoreDisabledInput } from "@/lib/stores/schemas";
import type { TAdminSession } from "@/lib/auth/types";
import type { TRequestMeta } from "@/lib/http/request-meta";

/** Stops taking a store's deliveries (they get 404, so the provider retries later) or takes them again. */
export async function setStoreDisabled(
  actor: TAdminSession,
  input: TSetStoreDisabledInput,
  meta: TRequestMeta,
): Promise<void> {
  assertAdmin(actor);
  const { storeId, disabled } = parseOrThrow(ZSetStoreDisabled, input);
  await db().$transaction(async (tx) => {
    const done = await tx.store.updateMany({ where: { id: storeId }, data: { disabled: disabled === "true" } });
    if (done.count === 0) throw new AppError("not_found", "There is no such store.");
    await recordAuditEvent(
      {
        actorType: "agent",
        actorId: actor.agentId,
        action: disabled === "true" ? "store.disabled" : "store.enabled",
        targetType: "store",
        targetId: storeId,
        ip: meta.ip,
        userAgent: meta.userAgent,
      },
      tx,
    );
  });
}
