// The agents' sign-in throttle (issue 15 item 9): only failed passwords count, the pause after
// them grows but is capped (no lockout for good), a correct password clears it, unknown addresses
// get exactly the same answers, and a run of failures on a real account mails the agent and the
// admins once per window through the outbox (audited).
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { authenticateAgent } from "@/lib/auth/authenticate-agent";
import { ACCOUNT_RULE, FIRST_PAUSE_MS, IP_RULE, MAX_PAUSE_MS, pauseAfter } from "@/lib/auth/sign-in-throttle";
import { ALERT_AFTER_FAILURES } from "@/lib/auth/send-sign-in-alert";
import { decryptOutboxMail } from "@/lib/mail/decrypt-outbox-mail";
import { rateLimitKey } from "@/lib/ratelimit/consume";
import { emailIndex } from "@/lib/crypto/blind-index";
import type { AppError } from "@/lib/errors";
import { AGENT_PASSWORD, errorOf, givenAgent, meta, nextIp } from "../helpers/actors";

const GUESS = "Tr0ub4dor&3-guess";
const signIn = (email: string, password: string, ip = nextIp()) => authenticateAgent({ email, password }, meta({ ip }));
const accountKey = (email: string) =>
  rateLimitKey({ name: ACCOUNT_RULE.name, max: 0, windowSeconds: 0 }, emailIndex(email));

/** Lets every pause end now, as if the wait had passed (failures stay counted). */
async function waitOutPauses(): Promise<void> {
  await db().signInFailure.updateMany({ data: { blockedUntil: new Date(Date.now() - 1) } });
}

/** One failed password for `email`, after any pause; returns the pause it set. */
async function failOnce(email: string, ip = nextIp()): Promise<number> {
  await waitOutPauses();
  const error = await errorOf(signIn(email, GUESS, ip));
  expect(error.code).toBe("unauthorized");
  const row = await db().signInFailure.findUniqueOrThrow({ where: { key: accountKey(email) } });
  return row.blockedUntil.getTime() - row.lastFailureAt.getTime();
}

/** What the client sees: code, message and wait — identical for known and unknown addresses. */
const seen = (error: AppError) => [error.code, error.message, error.retryAfterSeconds];

describe("agent sign-in throttle", () => {
  it("counts failures only: many good sign-ins from one IP are never slowed down", async () => {
    const agent = await givenAgent("agent");
    const ip = "203.0.113.120";
    for (let i = 0; i < IP_RULE.freeFailures + 15; i++) {
      const result = await signIn(agent.email, AGENT_PASSWORD, ip);
      expect(result.agentId).toBe(agent.agentId);
    }
  });

  it("pauses after the free failures, doubling, capped at five minutes; a correct password then works and clears it", async () => {
    const agent = await givenAgent("agent");
    const pauses: number[] = [];
    for (let i = 0; i < 30; i++) pauses.push(await failOnce(agent.email));
    expect(pauses.slice(0, ACCOUNT_RULE.freeFailures)).toEqual(Array(ACCOUNT_RULE.freeFailures).fill(0));
    expect(pauses.slice(ACCOUNT_RULE.freeFailures, ACCOUNT_RULE.freeFailures + 4)).toEqual([
      FIRST_PAUSE_MS,
      FIRST_PAUSE_MS * 2,
      FIRST_PAUSE_MS * 4,
      FIRST_PAUSE_MS * 8,
    ]);
    expect(Math.max(...pauses)).toBe(MAX_PAUSE_MS);
    expect(pauses.at(-1)).toBe(MAX_PAUSE_MS);

    // During the pause even the right password is refused (the guesser learns nothing), and the
    // refusal is not counted as a failure.
    const paused = await errorOf(signIn(agent.email, AGENT_PASSWORD));
    expect(paused.code).toBe("rate_limited");
    expect(paused.retryAfterSeconds).toBeLessThanOrEqual(MAX_PAUSE_MS / 1000);
    expect((await db().signInFailure.findUniqueOrThrow({ where: { key: accountKey(agent.email) } })).failures).toBe(30);

    // After the pause: the right password signs in, and the count starts again from zero.
    await waitOutPauses();
    expect((await signIn(agent.email, AGENT_PASSWORD)).agentId).toBe(agent.agentId);
    expect(await failOnce(agent.email)).toBe(0);
  });

  it("pauses an IP that fails across many addresses", async () => {
    const ip = "203.0.113.121";
    let limited: AppError | undefined;
    for (let i = 0; i <= IP_RULE.freeFailures && !limited; i++) {
      const error = await errorOf(signIn(`someone${i}@example.com`, GUESS, ip));
      if (error.code === "rate_limited") limited = error;
    }
    expect(limited).toBeUndefined(); // the failures themselves are answered normally…
    const next = await errorOf(signIn("someone-else@example.com", GUESS, ip));
    expect(next.code).toBe("rate_limited"); // …the one after them waits
    expect(next.retryAfterSeconds).toBe(pauseAfter(IP_RULE.freeFailures + 1, IP_RULE) / 1000);
  });

  it("answers an unknown address exactly as a known one", async () => {
    const agent = await givenAgent("agent");
    const ghost = "nobody-here@example.com";
    for (let i = 0; i < ACCOUNT_RULE.freeFailures + 3; i++) {
      const known = await errorOf(signIn(agent.email, GUESS));
      const unknown = await errorOf(signIn(ghost, GUESS));
      expect(seen(unknown)).toEqual(seen(known));
    }
  });

  it("mails the agent and the other admins once per window after repeated failures, and audits it", async () => {
    const admin = await givenAgent("admin");
    const agent = await givenAgent("agent");
    const alerts = () =>
      db().outboxMessage.findMany({
        where: { kind: { startsWith: "agent.sign_in_alert" } },
        select: { payloadEnc: true },
        orderBy: { createdAt: "asc" },
      });
    const before = (await alerts()).length;

    for (let i = 1; i < ALERT_AFTER_FAILURES; i++) await failOnce(agent.email);
    expect((await alerts()).length).toBe(before);
    await failOnce(agent.email);
    const mailed = (await alerts()).slice(before).map((m) => decryptOutboxMail(m.payloadEnc));
    const admins = await db().agent.count({ where: { role: "admin", disabledAt: null } });
    expect(mailed).toHaveLength(1 + admins);
    expect(mailed.map((m) => m.to)).toEqual(expect.arrayContaining([agent.email, admin.email]));
    expect(mailed[0]?.text).toContain(`${ALERT_AFTER_FAILURES} sign-ins`);
    expect(JSON.stringify(mailed)).not.toContain(GUESS);

    // More failures within the window: no second mail.
    for (let i = 0; i < 5; i++) await failOnce(agent.email);
    expect((await alerts()).length).toBe(before + mailed.length);
    const audited = await db().auditEvent.findMany({
      where: { action: "agent.sign_in_alert", targetId: agent.agentId },
    });
    expect(audited).toHaveLength(1);

    // A window later the failures are forgotten; a new run alerts again.
    await db().signInFailure.updateMany({
      where: { key: accountKey(agent.email) },
      data: { lastFailureAt: new Date(Date.now() - 61 * 60_000), alertedAt: new Date(Date.now() - 61 * 60_000) },
    });
    for (let i = 0; i < ALERT_AFTER_FAILURES; i++) await failOnce(agent.email);
    expect(await db().auditEvent.count({ where: { action: "agent.sign_in_alert", targetId: agent.agentId } })).toBe(2);
  });

  it("sends nothing for an unknown address", async () => {
    const before = await db().outboxMessage.count();
    for (let i = 0; i < ALERT_AFTER_FAILURES + 2; i++) await failOnce("ghost-alert@example.com");
    expect(await db().outboxMessage.count()).toBe(before);
  });
});
