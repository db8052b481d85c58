import "server-only";
import { ENC } from "@/lib/crypto/contexts";
import { z } from "zod";
import type { TTx } from "@/lib/db";
import { encrypt, decrypt } from "@/lib/crypto/encryption";
import { env } from "@/lib/env";

/** Outbox kind of the refund gateway's signed POST (channel "webhook"). */
export const REFUND_WEBHOOK_KIND = "refund.gateway";

/** The JSON body the vendor's refund endpoint receives. */
export interface TRefundWebhookBody {
  refundId: string;
  orderNumber: string;
  source: string;
  externalId: string;
  /** Minor units, in `currency`. */
  amount: number;
  currency: string;
  items: { sku: string; name: string; quantity: number; amount: number }[];
}

const ZPayload = z.object({ refundId: z.string().min(1), body: z.string().min(2) });

/** The outbox row id of a refund's gateway message: one per refund, so it can never be queued twice. */
export function refundWebhookMessageId(refundId: string): string {
  return `rg_${refundId}`;
}

/**
 * Queues the refund's signed POST in the outbox (channel "webhook") inside the approval's
 * transaction. The body is fixed now (the receiver gets the same bytes on every retry and can
 * de-duplicate by `refundId`); the address and secret are read when it is sent.
 */
export async function queueRefundWebhook(tx: TTx, body: TRefundWebhookBody): Promise<void> {
  const payload = JSON.stringify({ refundId: body.refundId, body: JSON.stringify(body) });
  await tx.outboxMessage.create({
    data: {
      id: refundWebhookMessageId(body.refundId),
      channel: "webhook",
      kind: REFUND_WEBHOOK_KIND,
      payloadEnc: encrypt(payload, ENC.outboxRefundGateway),
      maxAttempts: env().mailMaxAttempts,
      nextAttemptAt: new Date(),
    },
    select: { id: true },
  });
}

/** Opens a queued refund webhook message (throws if it was altered). */
export function openRefundWebhookMessage(payloadEnc: string): { refundId: string; body: string } {
  return ZPayload.parse(JSON.parse(decrypt(payloadEnc, ENC.outboxRefundGateway)));
}
