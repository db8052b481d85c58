import "server-only";
import { db } from "@/lib/db";
import { signPayload } from "@/lib/crypto/webhook-signature";
import { getRefundSettings } from "@/lib/settings/refund-settings";
import type { TClaimedOutboxMessage } from "@/lib/mail/outbox-channels";
import { REFUND_WEBHOOK_KIND, openRefundWebhookMessage } from "@/lib/refunds/gateway/refund-webhook-message";

const TIMEOUT_MS = 10_000;

/**
 * Outbox deliverer for the "webhook" channel. Kind "refund.gateway": POSTs the refund's JSON body to
 * the configured address, signed like the order webhook (`Keydesk-Signature: t=…,v1=HMAC-SHA256`,
 * with a fresh timestamp on each attempt). A 2xx marks the refund "processed"; anything else throws,
 * so the worker retries with back-off, and on the last attempt the refund shows "failed".
 */
export async function deliverWebhookMessage(message: TClaimedOutboxMessage): Promise<string> {
  if (message.kind !== REFUND_WEBHOOK_KIND) throw new Error(`unknown webhook kind ${message.kind}`);
  const { refundId, body } = openRefundWebhookMessage(message.payloadEnc);
  try {
    const settings = await getRefundSettings();
    if (!settings.webhookUrl || !settings.webhookSecret) throw new Error("the refund webhook has no address or secret");
    const response = await fetch(settings.webhookUrl, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "keydesk-signature": signPayload(settings.webhookSecret, body),
        "user-agent": "Keydesk-Refunds/1",
      },
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    await response.body?.cancel();
    if (response.status < 200 || response.status > 299)
      throw new Error(`refund webhook answered HTTP ${response.status}`);
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
