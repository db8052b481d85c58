import "server-only";
import { ENC } from "@/lib/crypto/contexts";
import { db } from "@/lib/db";
import { encrypt } from "@/lib/crypto/encryption";
import { randomToken } from "@/lib/crypto/tokens";
import { assertAdmin } from "@/lib/auth/assert-admin";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { AppError, parseOrThrow } from "@/lib/errors";
import { storeConnector } from "@/lib/stores/connectors";
import { ZRotateSecret, type TRotateSecretInput } from "@/lib/stores/schemas";
import { PREVIOUS_SECRET_GRACE_MS } from "@/lib/stores/store-config";
import type { TAdminSession } from "@/lib/auth/types";
import type { TRequestMeta } from "@/lib/http/request-meta";

/**
 * Sets a store's signing secret (admins). The one it replaces keeps verifying for 24 hours, so
 * deliveries the provider signed — or retries — before the switch are not refused. For a store
 * whose secret is the token in its URL (Gumroad) Keydesk makes a new random token: the new URL
 * must then be pasted into the provider, and the old one works for 24 more hours.
 */
export async function rotateStoreSecret(
  actor: TAdminSession,
  input: TRotateSecretInput,
  meta: TRequestMeta,
  now = new Date(),
): Promise<{ previousUntil: Date | null; secretInUrl: boolean }> {
  assertAdmin(actor);
  const { storeId, secret } = parseOrThrow(ZRotateSecret, input);
  return db().$transaction(async (tx) => {
    const store = await tx.store.findUnique({
      where: { id: storeId },
      select: { id: true, secretEnc: true, provider: true },
    });
    if (!store) throw new AppError("not_found", "There is no such store.");
    const generated = storeConnector(store.provider)?.secretInUrl === true;
    const next = generated ? randomToken() : secret;
    if (!next) {
      throw new AppError("invalid_input", "Give the new signing secret.", {
        fieldErrors: { secret: ["This field is required"] },
      });
    }
    const previousUntil = store.secretEnc ? new Date(now.getTime() + PREVIOUS_SECRET_GRACE_MS) : null;
    await tx.store.update({
      where: { id: store.id },
      data: {
        secretEnc: encrypt(next, ENC.storeSecret),
        // Same encryption context for both columns: the old ciphertext moves as it is.
        ...(store.secretEnc ? { previousSecretEnc: store.secretEnc, previousSecretUntil: previousUntil } : {}),
      },
    });
    await recordAuditEvent(
      {
        actorType: "agent",
        actorId: actor.agentId,
        action: store.secretEnc ? "store.secret_rotated" : "store.secret_set",
        targetType: "store",
        targetId: store.id,
        ip: meta.ip,
        userAgent: meta.userAgent,
      },
      tx,
    );
    return { previousUntil, secretInUrl: generated };
  });
}
