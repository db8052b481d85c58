import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { enforceRateLimit, type TLimit } from "@/lib/ratelimit/consume";
import type { TRequestMeta } from "@/lib/http/request-meta";
import { verifyUnsubscribeToken } from "@/lib/newsletter/unsubscribe-token";
import type { TUnsubscribeLinkInput } from "@/lib/newsletter/schemas";
import { applyNewsletterChoice, type TNewsletterVia } from "@/lib/newsletter/apply-newsletter-choice";

// Only bad tokens are counted: valid one-click requests arrive in bulk from a few big mail
// providers' servers, and must never be refused.
export const BAD_UNSUBSCRIBE_LIMIT_PER_IP: TLimit = { name: "unsubscribe-invalid:ip", max: 30, windowSeconds: 15 * 60 };

const INVALID =
  "This unsubscribe link is not valid. It may have been copied incompletely; you can also change the newsletter setting on your account page.";

/** What the unsubscribe endpoints pass: the link's token and where it was used. */
export type TUnsubscribeInput = TUnsubscribeLinkInput & { via: Exclude<TNewsletterVia, "account"> };

/**
 * `unsubscribeByToken(input, meta)` — public: unsubscribes the customer a signed link names, from a
 * mail client's one-click POST (RFC 8058, no cookies, no sign-in) or the button of the unsubscribe
 * page. Idempotent: unsubscribing twice is a success. An erased customer is already off every
 * list. Forged tokens are rate-limited per IP.
 */
export async function unsubscribeByToken(input: TUnsubscribeInput, meta: TRequestMeta): Promise<void> {
  const customerId = verifyUnsubscribeToken(input.token);
  if (!customerId) {
    await enforceRateLimit(BAD_UNSUBSCRIBE_LIMIT_PER_IP, meta.ip ?? "unknown");
    throw new AppError("not_found", INVALID, { key: "unsubscribeInvalid" });
  }
  await db().$transaction((tx) => applyNewsletterChoice(tx, { customerId, subscribed: false, via: input.via }, meta));
}
