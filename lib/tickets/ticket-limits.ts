import "server-only";
import { consumeRateLimit, humanWait, type TLimit } from "@/lib/ratelimit/consume";
import { AppError } from "@/lib/errors";

/** The web form: per client IP and per address given. */
export const FORM_LIMIT_PER_IP: TLimit = { name: "ticket-form:ip", max: 10, windowSeconds: 3600 };
export const FORM_LIMIT_PER_ADDRESS: TLimit = { name: "ticket-form:address", max: 5, windowSeconds: 3600 };
/** The public JSON API has no proof of work, so it is limited harder. */
export const API_LIMIT_PER_IP: TLimit = { name: "ticket-api:ip", max: 5, windowSeconds: 3600 };
export const API_LIMIT_PER_ADDRESS: TLimit = { name: "ticket-api:address", max: 3, windowSeconds: 3600 };
/** Signed-in buyers: per customer. */
export const BUYER_TICKET_LIMIT: TLimit = { name: "ticket-form:customer", max: 10, windowSeconds: 3600 };
/** Replies (buyer or guest): per ticket. */
export const REPLY_LIMIT_PER_TICKET: TLimit = { name: "ticket-reply:ticket", max: 30, windowSeconds: 3600 };

/** Counts one hit on each limit; the first one exceeded becomes a `rate_limited` error. */
export async function enforceTicketLimits(checks: readonly (readonly [TLimit, string])[]): Promise<void> {
  for (const [limit, subject] of checks) {
    const result = await consumeRateLimit(limit, subject);
    if (!result.allowed) {
      throw new AppError("rate_limited", `Too many messages. Try again in ${humanWait(result.retryAfterSeconds)}.`, {
        retryAfterSeconds: result.retryAfterSeconds,
        key: "tooManyMessages",
      });
    }
  }
}
