import "server-only";
import { consumeRateLimit, humanWait, resetRateLimit, type TLimit } from "@/lib/ratelimit/consume";
import { AppError } from "@/lib/errors";
import type { TRequestMeta } from "@/lib/http/request-meta";

// A 6-digit code has a million values: without a limit, a stolen password plus a script would find
// one. Five tries per account per 15 minutes (and 30 per IP) leave a guesser ~1 in 200,000 a window.
export const SECOND_FACTOR_LIMIT_PER_ACCOUNT: TLimit = { name: "agent-2fa:account", max: 5, windowSeconds: 15 * 60 };
export const SECOND_FACTOR_LIMIT_PER_IP: TLimit = { name: "agent-2fa:ip", max: 30, windowSeconds: 15 * 60 };

/** Counts one second-factor attempt (code, recovery code or enrolment); throws `rate_limited` past the limit. */
export async function countSecondFactorAttempt(agentId: string, meta: TRequestMeta): Promise<void> {
  for (const [limit, subject] of [
    [SECOND_FACTOR_LIMIT_PER_ACCOUNT, agentId],
    [SECOND_FACTOR_LIMIT_PER_IP, meta.ip ?? "unknown"],
  ] as const) {
    const result = await consumeRateLimit(limit, subject);
    if (!result.allowed) {
      throw new AppError("rate_limited", `Too many codes tried. Try again in ${humanWait(result.retryAfterSeconds)}.`, {
        retryAfterSeconds: result.retryAfterSeconds,
      });
    }
  }
}

/** Clears the account's counter after a correct code. */
export async function clearSecondFactorAttempts(agentId: string): Promise<void> {
  await resetRateLimit(SECOND_FACTOR_LIMIT_PER_ACCOUNT, agentId);
}
