import "server-only";
import { emailIndex } from "@/lib/crypto/blind-index";
import { enqueueTask } from "@/lib/tasks/enqueue-task";
import { consumeRateLimit, humanWait, type TLimit } from "@/lib/ratelimit/consume";
import { AppError, fieldErrorsOf } from "@/lib/errors";
import { ZBuyerEmail } from "@/lib/buyers/email-address";

export const LOOKUP_LIMIT_PER_IP: TLimit = { name: "lookup:ip", max: 10, windowSeconds: 15 * 60 };
export const LOOKUP_LIMIT_PER_ADDRESS: TLimit = { name: "lookup:address", max: 5, windowSeconds: 60 * 60 };

/**
 * "Find my orders": queues the look-up and returns. The worker later checks whether the address has
 * orders and, only then, mails a sign-in link. The request itself does exactly the same work for
 * every address — validate, count two rate limits, insert one encrypted row — so neither its answer
 * nor its timing says whether the address is known.
 */
export async function requestSignInLink(input: { email: unknown; ip: string }): Promise<void> {
  const parsed = ZBuyerEmail.safeParse(input.email);
  if (!parsed.success) {
    throw new AppError("invalid_input", "Enter a valid e-mail address.", {
      fieldErrors: fieldErrorsOf(parsed.error.issues.map((i) => ({ ...i, path: ["email"] }))),
    });
  }
  const email = parsed.data;
  for (const [limit, subject] of [
    [LOOKUP_LIMIT_PER_IP, input.ip],
    [LOOKUP_LIMIT_PER_ADDRESS, emailIndex(email)],
  ] as const) {
    const result = await consumeRateLimit(limit, subject);
    if (!result.allowed) {
      throw new AppError("rate_limited", `Too many requests. Try again in ${humanWait(result.retryAfterSeconds)}.`, {
        retryAfterSeconds: result.retryAfterSeconds,
      });
    }
  }
  await enqueueTask("buyer.lookup", { email, requestedAt: new Date().toISOString() });
}
