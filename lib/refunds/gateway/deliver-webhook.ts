import "server-only";
import { db } from "@/lib/db";
import { signPayload } from "@/lib/crypto/webhook-signature";
import { readRefundWebhookTarget } from "@/lib/settings/read-refund-webhook-target";
import type { TOutboxDeliverer, TOutboxMessage } from "@/lib/outbox/message";
import { REFUND_WEBHOOK_KIND, openRefundWebhookMessage } from "@/lib/refunds/gateway/refund-webhook-message";
import { postWebhook } from "@/lib/refunds/gateway/post-webhook";

const TIMEOUT_MS = 10_000;

/**
 * Outbox deliverer for the "webhook" channel. Kind "refund.gateway": POSTs the refund's JSON body to
 * the configured address (https, never a private, loopback or link-local one: `postWebhook`), signed like the order webhook (`Keydesk-Signature: t=…,v1=HMAC-SHA256`,
 * with a fresh timestamp on each attempt). A 2xx marks the refund "processed"; anything else throws,
 * so the worker retries with back-off, and on the last attempt the refund shows "failed".
 */
export async function deliverWebhookMessage(message: TOutboxMessage): Promise<string> {
  if (message.kind !== REFUND_WEBHOOK_KIND) throw new Error(`unknown webhook kind ${message.kind}`);
  const { refundId, body } = openRefundWebhookMessage(message.payloadEnc);
  try {
    const target = await readRefundWebhookTarget();
    if (!target) throw new Error("the refund webhook has no address or secret");
    // https to a public address only, checked again now and on connect (postWebhook).
    const status = await postWebhook(
      target.url,
      {
        "content-type": "application/json",
        "keydesk-signature": signPayload(target.secret, body),
        "user-agent": "Keydesk-Refunds/1",
      },
      body,
      TIMEOUT_MS,
    );
    if (status < 200 || status > 299) throw new Error(`refund webhook answered HTTP ${status}`);
  } catch (error) {
    if (message.attempts + 1 >= message.maxAttempts) {
      await db().refundRequest.updateMany({
        where: { id: refundId, gatewayStatus: "queued" },
        data: { gatewayStatus: "failed" },
      });
    }
    throw error;
  }
  await db().refundRequest.updateMany({
    where: { id: refundId, gatewayStatus: { in: ["queued", "failed"] } },
    data: { gatewayStatus: "processed" },
  });
  return "refund-webhook";
}

/** The "webhook" channel's entry in the outbox registry (lib/outbox/channels.ts). */
export const REFUND_WEBHOOK_DELIVERER: TOutboxDeliverer = { deliver: deliverWebhookMessage };
