// The rate limiter's counter (one statement per hit, on SQLite and PostgreSQL): counts within a
// window, refuses past the maximum, starts a new window once the old one has passed, and counts
// concurrent hits exactly.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { consumeRateLimit, rateLimitKey, type TLimit } from "@/lib/ratelimit/consume";

let n = 0;
const limitOf = (max: number, windowSeconds = 60): TLimit => ({
  name: `test-window-${Date.now()}-${++n}`,
  max,
  windowSeconds,
});

describe("consumeRateLimit", () => {
  it("allows `max` hits in a window, refuses the next and names the wait until the window ends", async () => {
    const limit = limitOf(3, 60);
    const start = new Date("2026-11-30T12:00:00.000Z");
    const results = [];
    for (let i = 0; i < 4; i++)
      results.push(await consumeRateLimit(limit, "subject", new Date(start.getTime() + i * 1000)));
    expect(results.map((r) => [r.allowed, r.remaining])).toEqual([
      [true, 2],
      [true, 1],
      [true, 0],
      [false, 0],
    ]);
    // The window runs from the first hit: 60 s, of which 3 have passed at the fourth.
    expect(results[3]?.retryAfterSeconds).toBe(57);
    const row = await db().rateLimit.findUniqueOrThrow({ where: { key: rateLimitKey(limit, "subject") } });
    expect([row.count, row.resetAt.toISOString()]).toEqual([4, "2026-11-30T12:01:00.000Z"]);
  });

  it("starts a new window (count 1, a new end) once the old one has ended, not before", async () => {
    const limit = limitOf(1, 60);
    const start = new Date("2026-11-30T12:00:00.000Z");
    expect((await consumeRateLimit(limit, "s", start)).allowed).toBe(true);
    expect((await consumeRateLimit(limit, "s", new Date(start.getTime() + 59_999))).allowed).toBe(false);
    const later = new Date(start.getTime() + 60_000);
    const again = await consumeRateLimit(limit, "s", later);
    expect([again.allowed, again.remaining, again.retryAfterSeconds]).toEqual([true, 0, 60]);
    const row = await db().rateLimit.findUniqueOrThrow({ where: { key: rateLimitKey(limit, "s") } });
    expect([row.count, row.resetAt.toISOString()]).toEqual([1, "2026-11-30T12:02:00.000Z"]);
  });

  it("counts concurrent hits exactly: `max` of them allowed, the rest refused", async () => {
    const limit = limitOf(5, 60);
    const now = new Date();
    const results = await Promise.all(Array.from({ length: 12 }, () => consumeRateLimit(limit, "burst", now)));
    expect(results.filter((r) => r.allowed)).toHaveLength(5);
    const row = await db().rateLimit.findUniqueOrThrow({ where: { key: rateLimitKey(limit, "burst") } });
    expect(row.count).toBe(12);
  });

  it("keeps subjects and rules apart", async () => {
    const a = limitOf(1);
    const b = limitOf(1);
    expect((await consumeRateLimit(a, "x")).allowed).toBe(true);
    expect((await consumeRateLimit(a, "y")).allowed).toBe(true);
    expect((await consumeRateLimit(b, "x")).allowed).toBe(true);
    expect((await consumeRateLimit(a, "x")).allowed).toBe(false);
  });
});
