import "server-only";
import { ENC } from "@/lib/crypto/contexts";
import { LICENSE_KEY_ORDER } from "@/lib/licenses/key-order";
import { db } from "@/lib/db";
import { decrypt } from "@/lib/crypto/encryption";
import { AppError } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { enqueueMail } from "@/lib/mail/enqueue-mail";
import { enforceRateLimit, type TLimit } from "@/lib/ratelimit/consume";
import { hashRequest, runOnce } from "@/lib/idempotency/run-once";
import type { TBuyerSession } from "@/lib/auth/types";
import type { TRequestMeta } from "@/lib/http/request-meta";
import type { TResendKeysInput } from "@/lib/licenses/schemas";
import { licenseKeysMail, type TKeysMailOrder } from "@/lib/mail/templates/license-keys";
import { customerMailLocale } from "@/lib/mail/mail-context";
import { renderMailIn } from "@/lib/mail/render";
import { env } from "@/lib/env";

/** "E-mail me my keys" per buyer: enough for real use, not a way to flood a mailbox. */
export const RESEND_LIMIT: TLimit = { name: "license-resend:customer", max: 5, windowSeconds: 3600 };

/** How long a form's idempotency key replays its first answer. */
const IDEMPOTENCY_TTL_SECONDS = 24 * 3600;

/** How many keys of how many orders the mail carries. */
export type TResendResult = { keys: number; orders: number };

/**
 * `resendLicenseKeys(actor, { idempotencyKey, orderId? }, meta)`: queues ONE e-mail to the buyer's address on file with every active licence key of one order
 * (`orderId`) or of all their orders, in the same transaction as the audit event. Idempotent per
 * form key (a double click, or twenty, sends one mail and returns the first answer) and
 * rate-limited per buyer.
 */
export async function resendLicenseKeys(
  actor: TBuyerSession,
  input: TResendKeysInput,
  meta: TRequestMeta,
): Promise<TResendResult> {
  const { customerId } = actor;
  const scope = input.orderId ? "order" : "all";
  return runOnce(
    {
      key: `resend:${customerId}:${input.idempotencyKey}`,
      requestHash: hashRequest(["license_keys.resend", input.orderId ?? "*"]),
      ttlSeconds: IDEMPOTENCY_TTL_SECONDS,
    },
    async () => {
      await enforceRateLimit(RESEND_LIMIT, customerId);
      const orders = await loadActiveKeys(customerId, input.orderId ?? null);
      if (input.orderId && orders.length === 0)
        throw new AppError("not_found", "There is no such order.", { key: "noSuchOrder" });
      const withKeys = orders.filter((o) => o.items.length > 0);
      const keys = withKeys.reduce((sum, o) => sum + o.items.reduce((n, i) => n + i.keys.length, 0), 0);
      if (keys === 0) {
        throw new AppError(
          "conflict",
          scope === "order"
            ? "This order has no active licence keys to send."
            : "Your orders have no active licence keys to send.",
          { key: scope === "order" ? "noKeysInOrder" : "noKeysInOrders" },
        );
      }
      // Rendered in full (keys are never cached), before the write transaction opens.
      const locale = await customerMailLocale(undefined, customerId, meta.locale);
      const mail = await renderMailIn(undefined, locale, (ctx) =>
        licenseKeysMail(ctx, { orders: withKeys, scope, ordersUrl: `${env().appUrl}/orders` }),
      );
      await db().$transaction(async (tx) => {
        await enqueueMail(tx, { kind: "license_keys.resent", to: actor.email, ...mail });
        await recordAuditEvent(
          {
            actorType: "customer",
            actorId: customerId,
            customerId,
            action: "license_keys.resent",
            targetType: scope === "order" ? "order" : "customer",
            targetId: scope === "order" ? (withKeys[0]?.id ?? customerId) : customerId,
            ip: meta.ip,
            userAgent: meta.userAgent,
            metadata: { scope, keys, orders: withKeys.length, orderIds: withKeys.map((o) => o.id).slice(0, 50) },
          },
          tx,
        );
      });
      return { keys, orders: withKeys.length };
    },
  );
}

async function loadActiveKeys(
  customerId: string,
  orderId: string | null,
): Promise<(TKeysMailOrder & { id: string })[]> {
  const orders = await db().order.findMany({
    where: { customerId, ...(orderId ? { id: orderId } : {}) },
    orderBy: [{ placedAt: "desc" }, { createdAt: "desc" }],
    take: 200,
    select: {
      id: true,
      number: true,
      source: true,
      placedAt: true,
      items: {
        orderBy: { position: "asc" },
        select: {
          name: true,
          keys: { where: { status: "active" }, orderBy: [...LICENSE_KEY_ORDER], select: { keyEnc: true } },
        },
      },
    },
  });
  return orders.map((order) => ({
    id: order.id,
    number: order.number,
    source: order.source,
    placedAt: order.placedAt,
    items: order.items
      .filter((item) => item.keys.length > 0)
      .map((item) => ({ name: item.name, keys: item.keys.map((k) => decrypt(k.keyEnc, ENC.licenseKeyValue)) })),
  }));
}
