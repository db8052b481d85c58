import "server-only";
import { ENC } from "@/lib/crypto/contexts";
import { decryptOptional } from "@/lib/crypto/encryption";
import { readStoredRefundSettings } from "@/lib/settings/refund-settings";

/** Where the refund gateway POSTs and the secret it signs with. */
export interface TRefundWebhookTarget {
  url: string;
  secret: string;
}

/**
 * Internal, for the refund gateway deliverer (lib/refunds/gateway) only — never for app/: the
 * webhook address and the DECRYPTED signing secret, or null when either is not set. Read when a
 * message is sent, so a changed secret applies to retries.
 */
export async function readRefundWebhookTarget(): Promise<TRefundWebhookTarget | null> {
  const stored = await readStoredRefundSettings();
  const secret = decryptOptional(stored.webhookSecretEnc, ENC.refundWebhookSecret);
  return stored.webhookUrl && secret ? { url: stored.webhookUrl, secret } : null;
}
