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
  // Start a new window when the old one has passed (a no-op otherwise), then count atomically.
  await db().rateLimit.updateMany({ where: { key, resetAt: { lte: now } }, data: { count: 0, resetAt } });
  const row = await db().rateLimit.upsert({
    where: { key },
    create: { key, count: 1, resetAt },
    update: { count: { increment: 1 } },
  });
  const retryAfterSeconds = Math.max(1, Math.ceil((row.resetAt.getTime() - now.getTime()) / 1000));
  if (row.count > limit.max) rateLimitRefusals().inc({ rule: limit.name });
  return { allowed: row.count <= limit.max, remaining: Math.max(0, limit.max - row.count), retryAfterSeconds };
}

/** Like `consumeRateLimit`, but throws a `rate_limited` AppError with a human wait time. */
export async function enforceRateLimit(limit: TLimit, subject: string): Promise<void> {
  const result = await consumeRateLimit(limit, subject);
  if (!result.allowed) {
    throw new AppError("rate_limited", `Too many attempts. Try again in ${humanWait(result.retryAfterSeconds)}.`, {
      retryAfterSeconds: result.retryAfterSeconds,
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
