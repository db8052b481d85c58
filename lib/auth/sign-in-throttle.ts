import "server-only";
import { db } from "@/lib/db";
import { rateLimitKey } from "@/lib/ratelimit/consume";
import { AppError } from "@/lib/errors";
import { humanWait } from "@/lib/ratelimit/consume";

// The agents' sign-in throttle counts failed passwords only, per account (the submitted address's
// blind index, known or not) and per client IP (an IPv6 client by its /64). The first few failures
// cost nothing; after them each failure blocks the next try for twice as long as the one before,
// but never longer than five minutes: a guesser gets about a dozen tries an hour, while an admin
// whose account is under attack can always sign in after the pause — never a lockout for good.
// A correct password clears the account's count.

interface TThrottleRule {
  name: string;
  freeFailures: number;
}
export const ACCOUNT_RULE: TThrottleRule = { name: "agent-sign-in-failures:account", freeFailures: 5 };
export const IP_RULE: TThrottleRule = { name: "agent-sign-in-failures:ip", freeFailures: 20 };

/** The first pause, doubled with each further failure, up to the cap. */
export const FIRST_PAUSE_MS = 15_000;
export const MAX_PAUSE_MS = 5 * 60_000;
/** Failures older than this are forgotten (the count starts again). */
export const FAILURE_MEMORY_MS = 60 * 60_000;

export interface TThrottleSubjects {
  account: string;
  ip: string;
}

function keysOf(subjects: TThrottleSubjects): { account: string; ip: string } {
  return {
    account: rateLimitKey({ name: ACCOUNT_RULE.name, max: 0, windowSeconds: 0 }, subjects.account),
    ip: rateLimitKey({ name: IP_RULE.name, max: 0, windowSeconds: 0 }, subjects.ip),
  };
}

/** How long a subject waits after its `failures`-th failure in a row. */
export function pauseAfter(failures: number, rule: TThrottleRule): number {
  const beyond = failures - rule.freeFailures;
  if (beyond <= 0) return 0;
  return Math.min(MAX_PAUSE_MS, FIRST_PAUSE_MS * 2 ** Math.min(beyond - 1, 20));
}

/** Refuses (without counting it) a sign-in while the account or the IP is in a pause. */
export async function assertNotPaused(subjects: TThrottleSubjects, now = new Date()): Promise<void> {
  const keys = keysOf(subjects);
  const rows = await db().signInFailure.findMany({
    where: { key: { in: [keys.account, keys.ip] }, blockedUntil: { gt: now } },
    select: { blockedUntil: true },
  });
  if (rows.length === 0) return;
  const until = Math.max(...rows.map((r) => r.blockedUntil.getTime()));
  const seconds = Math.max(1, Math.ceil((until - now.getTime()) / 1000));
  throw new AppError("rate_limited", `Too many failed sign-ins. Try again in ${humanWait(seconds)}.`, {
    retryAfterSeconds: seconds,
  });
}

/**
 * Counts one failed sign-in for the account and the IP and sets their next pause. Returns the
 * account's failures in a row and whether an alert about them is due now (at most one per
 * `FAILURE_MEMORY_MS`; the caller sends it — claiming it here makes two instances send one).
 */
export async function countSignInFailure(
  subjects: TThrottleSubjects,
  alertAt: number,
  now = new Date(),
): Promise<{ accountFailures: number; alertDue: boolean }> {
  const keys = keysOf(subjects);
  const forgetBefore = new Date(now.getTime() - FAILURE_MEMORY_MS);
  let accountFailures = 0;
  for (const [key, rule] of [
    [keys.account, ACCOUNT_RULE],
    [keys.ip, IP_RULE],
  ] as const) {
    // Old failures are forgotten first (a no-op otherwise), then this one is counted atomically.
    await db().signInFailure.updateMany({
      where: { key, lastFailureAt: { lt: forgetBefore } },
      data: { failures: 0 },
    });
    const row = await db().signInFailure.upsert({
      where: { key },
      create: { key, failures: 1, lastFailureAt: now, blockedUntil: now },
      update: { failures: { increment: 1 }, lastFailureAt: now },
      select: { failures: true },
    });
    await db().signInFailure.update({
      where: { key },
      data: { blockedUntil: new Date(now.getTime() + pauseAfter(row.failures, rule)) },
    });
    if (rule === ACCOUNT_RULE) accountFailures = row.failures;
  }
  if (accountFailures < alertAt) return { accountFailures, alertDue: false };
  const claimed = await db().signInFailure.updateMany({
    where: { key: keys.account, OR: [{ alertedAt: null }, { alertedAt: { lt: forgetBefore } }] },
    data: { alertedAt: now },
  });
  return { accountFailures, alertDue: claimed.count === 1 };
}

/** After a correct password: the account's failures are forgotten (its IP's are not — see SECURITY.md). */
export async function clearSignInFailures(subjects: TThrottleSubjects): Promise<void> {
  const { account } = keysOf(subjects);
  // The alert marker stays until its window ends, so a burst after a success cannot send a second
  // alert within the hour.
  await db().signInFailure.updateMany({
    where: { key: account },
    data: { failures: 0, blockedUntil: new Date(0) },
  });
}
