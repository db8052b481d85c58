import "server-only";
import { emailIndex } from "@/lib/crypto/blind-index";
import { enqueueTask } from "@/lib/tasks/enqueue-task";
import { consumeRateLimit, humanWait, type TLimit } from "@/lib/ratelimit/consume";
import { AppError } from "@/lib/errors";
import type { TRequestMeta } from "@/lib/http/request-meta";
import type { TSignInLinkRequest } from "@/lib/buyers/schemas";

export const LOOKUP_LIMIT_PER_IP: TLimit = { name: "lookup:ip", max: 10, windowSeconds: 15 * 60 };
export const LOOKUP_LIMIT_PER_ADDRESS: TLimit = { name: "lookup:address", max: 5, windowSeconds: 60 * 60 };

/**
 * `requestSignInLink({ email }, meta)` — "find my orders": queues the look-up and returns. The
 * worker later checks whether the address has orders and, only then, mails a sign-in link. The
 * request itself does exactly the same work for every address — count two rate limits (per client
 * IP from `meta`, per address), insert one encrypted row — so neither its answer nor its timing says
 * whether the address is known. The address arrives validated and normalised (`ZSignInLinkRequest`).
 */
export async function requestSignInLink(input: TSignInLinkRequest, meta: TRequestMeta): Promise<void> {
  const { email } = input;
  for (const [limit, subject] of [
    // No IP only for work no client started; such callers share one bucket.
    [LOOKUP_LIMIT_PER_IP, meta.ip ?? "unknown"],
    [LOOKUP_LIMIT_PER_ADDRESS, emailIndex(email)],
  ] as const) {
    const result = await consumeRateLimit(limit, subject);
    if (!result.allowed) {
      throw new AppError("rate_limited", `Too many requests. Try again in ${humanWait(result.retryAfterSeconds)}.`, {
        retryAfterSeconds: result.retryAfterSeconds,
        key: "tooManyRequests",
      });
    }
  }
  // The visitor's language travels with the look-up, so the worker writes the mail in it.
  await enqueueTask("buyer.lookup", { email, requestedAt: new Date().toISOString(), locale: meta.locale });
}
