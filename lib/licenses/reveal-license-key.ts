import "server-only";
import { ENC } from "@/lib/crypto/contexts";
import { db } from "@/lib/db";
import { decrypt } from "@/lib/crypto/encryption";
import { AppError } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { enforceRateLimit, type TLimit } from "@/lib/ratelimit/consume";
import type { TBuyerSession } from "@/lib/auth/types";
import type { TRequestMeta } from "@/lib/http/request-meta";
import type { TRevealKeyInput } from "@/lib/licenses/schemas";

/** Reveals per buyer: generous for people, a wall for a script harvesting keys. */
export const REVEAL_LIMIT: TLimit = { name: "license-reveal:customer", max: 120, windowSeconds: 3600 };

const NOT_FOUND = "There is no such licence key.";

/**
 * `revealLicenseKey(actor, { keyId }, meta)`: the plaintext of one of the signed-in buyer's licence keys. The key is loaded through its item
 * and order with the buyer as owner, so anyone else's key is "not found", exactly like a missing
 * one; revoked keys are refused. Every reveal lands in the audit log and the buyer's history.
 */
export async function revealLicenseKey(
  actor: TBuyerSession,
  input: TRevealKeyInput,
  meta: TRequestMeta,
): Promise<{ value: string }> {
  const customerId = actor.customerId;
  await enforceRateLimit(REVEAL_LIMIT, customerId);
  const key = await db().licenseKey.findFirst({
    where: { id: input.keyId, orderItem: { order: { customerId } } },
    select: { id: true, keyEnc: true, status: true, orderItem: { select: { id: true, orderId: true } } },
  });
  if (!key) throw new AppError("not_found", NOT_FOUND, { key: "noSuchKey" });
  if (key.status !== "active")
    throw new AppError("conflict", "This licence key was revoked and can no longer be used.", { key: "keyRevoked" });
  await recordAuditEvent({
    actorType: "customer",
    actorId: customerId,
    customerId,
    action: "license_key.revealed",
    targetType: "license_key",
    targetId: key.id,
    ip: meta.ip,
    userAgent: meta.userAgent,
    metadata: { orderId: key.orderItem.orderId, orderItemId: key.orderItem.id },
  });
  return { value: decrypt(key.keyEnc, ENC.licenseKeyValue) };
}
