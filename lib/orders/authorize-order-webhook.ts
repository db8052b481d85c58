import "server-only";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { verifySignature } from "@/lib/crypto/webhook-signature";
import { enforceRateLimit, type TLimit } from "@/lib/ratelimit/consume";
import { clientIp } from "@/lib/http/client-info";
import { log } from "@/lib/log";

/** Generous: a store replaying a backlog sends many orders a minute; this only stops floods. */
export const ORDER_WEBHOOK_LIMIT: TLimit = { name: "order-webhook:ip", max: 600, windowSeconds: 60 };

const REASONS = {
  missing: "The Keydesk-Signature header is missing.",
  malformed: "The Keydesk-Signature header is malformed (expected t=<unix seconds>,v1=<hex HMAC-SHA256>).",
  expired: "The Keydesk-Signature timestamp is more than 5 minutes away from our clock.",
  mismatch: "The Keydesk-Signature does not match the request body.",
} as const;

/**
 * Admits a webhook request only when KEYDESK_WEBHOOK_SECRET is set and the `Keydesk-Signature`
 * header signs this exact raw body within 5 minutes; rate-limited per client IP. Throws 401/429.
 */
export async function authorizeOrderWebhook(request: Request, rawBody: string): Promise<void> {
  await enforceRateLimit(ORDER_WEBHOOK_LIMIT, clientIp(request.headers));
  const secret = env().webhookSecret;
  if (!secret) {
    throw new AppError("unauthorized", "The order webhook is disabled: KEYDESK_WEBHOOK_SECRET is not set.");
  }
  const check = verifySignature(secret, request.headers.get("keydesk-signature"), rawBody);
  if (!check.ok) {
    log.warn("order webhook refused", { reason: check.reason });
    throw new AppError("unauthorized", REASONS[check.reason]);
  }
}
