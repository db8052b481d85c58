import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { rateLimitSubjectIndex } from "@/lib/crypto/blind-index";
import { rateLimitSubjectOf } from "@/lib/ratelimit/ip-subject";
import { rateLimitRefusals } from "@/lib/metrics/registry";

export interface TLimit {
  /** Name of the rule, e.g. "agent-login:ip". */
  name: string;
  max: number;
  windowSeconds: number;
}

export interface TLimitResult {
  allowed: boolean;
  remaining: number;
  retryAfterSeconds: number;
}

/**
 * Counts one hit against `limit` for `subject` (an IP, a blind-indexed address…) in a fixed window
 * whose state lives in the database, so every instance behind a load balancer shares it.
 */
export async function consumeRateLimit(limit: TLimit, subject: string, now = new Date()): Promise<TLimitResult> {
  const key = rateLimitKey(limit, subject);
  const resetAt = new Date(now.getTime() + limit.windowSeconds * 1000);
  // One atomic statement (the same SQL on SQLite and PostgreSQL): a first hit makes the row; a hit
  // after the window has passed starts a new one (count 1, new resetAt); any other hit counts +1.
  const [row] = await db().$queryRaw<{ count: number | bigint; resetAt: Date | string }[]>`
    INSERT INTO "RateLimit" ("key", "count", "resetAt") VALUES (${key}, 1, ${resetAt})
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN "RateLimit"."resetAt" <= ${now} THEN 1 ELSE "RateLimit"."count" + 1 END,
      "resetAt" = CASE WHEN "RateLimit"."resetAt" <= ${now} THEN excluded."resetAt" ELSE "RateLimit"."resetAt" END
    RETURNING "count", "resetAt"`;
  if (!row) throw new Error("rate limit: the counter statement returned no row");
  const count = Number(row.count);
  const retryAfterSeconds = Math.max(1, Math.ceil((new Date(row.resetAt).getTime() - now.getTime()) / 1000));
  if (count > limit.max) rateLimitRefusals().inc({ rule: limit.name });
  return { allowed: count <= limit.max, remaining: Math.max(0, limit.max - count), retryAfterSeconds };
}

/** Like `consumeRateLimit`, but throws a `rate_limited` AppError with a human wait time. */
export async function enforceRateLimit(limit: TLimit, subject: string): Promise<void> {
  const result = await consumeRateLimit(limit, subject);
  if (!result.allowed) {
    throw new AppError("rate_limited", `Too many attempts. Try again in ${humanWait(result.retryAfterSeconds)}.`, {
      retryAfterSeconds: result.retryAfterSeconds,
      key: "tooManyAttempts",
    });
  }
}

/** Clears a subject's counter (e.g. after a successful sign-in). */
export async function resetRateLimit(limit: TLimit, subject: string): Promise<void> {
  await db().rateLimit.deleteMany({ where: { key: rateLimitKey(limit, subject) } });
}

/**
 * The counter row's key: the rule's name in clear (operators can see which limits are hit) and the
 * subject — often a client IP — as a keyed index, never in clear. An IPv6 client is counted by its
 * /64 (`rateLimitSubjectOf`), wherever a client IP becomes a subject.
 */
export function rateLimitKey(limit: TLimit, subject: string): string {
  return `${limit.name}:${rateLimitSubjectIndex(rateLimitSubjectOf(subject))}`;
}

/** A wait in words for a refusal message: "45 seconds", "3 minutes" (rounded up). */
export function humanWait(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}
