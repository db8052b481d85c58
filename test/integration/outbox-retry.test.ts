import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { resetEnvForTests } from "@/lib/env";
import { enqueueMail } from "@/lib/mail/enqueue-mail";
import { renderMail } from "../helpers/render-mail";
import { processOutboxBatch } from "@/lib/outbox/worker";
import { getOutboxPage } from "@/lib/outbox/get-outbox-page";
import { listDeadLetters } from "@/lib/outbox/list-dead-letters";
import { retryDeadLetter } from "@/lib/outbox/retry-dead-letter";
import { outboxStats } from "@/lib/outbox/outbox-stats";
import { backoffDelayMs, describeDeliveryError } from "@/lib/outbox/settle-outbox-message";
import type { TAdminSession, TAgentSession } from "@/lib/auth/types";
import { errorOf, givenAgent, meta } from "../helpers/actors";
import { startSmtpSink, type TSmtpSink } from "../helpers/smtp-sink";
const ADDRESS = "ada@example.com";

let sink: TSmtpSink;
let admin: TAdminSession;
let agent: TAgentSession;

beforeAll(async () => {
  admin = await givenAgent("admin");
  agent = await givenAgent("agent");
  sink = await startSmtpSink();
  await sink.stop(); // the SMTP server is down; its port refuses connections
  process.env.SMTP_URL = sink.url;
  process.env.KEYDESK_MAIL_MAX_ATTEMPTS = "3";
  resetEnvForTests();
});

afterAll(async () => {
  await sink.stop();
  delete process.env.SMTP_URL;
  delete process.env.KEYDESK_MAIL_MAX_ATTEMPTS;
  resetEnvForTests();
});

/** The AppError code a use case refuses with. */
const codeOf = async (promise: Promise<unknown>) => (await errorOf(promise)).code;

async function attempt() {
  const row = await db().outboxMessage.findFirstOrThrow({ where: { kind: "test.retry" } });
  const wait = row.nextAttemptAt.getTime() - Date.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait + 5));
  const startedAt = Date.now();
  const result = await processOutboxBatch({ workerId: "test" });
  const finishedAt = Date.now();
  const after = await db().outboxMessage.findFirstOrThrow({ where: { kind: "test.retry" } });
  // The retry time is set between start and finish: these bound the back-off that was chosen.
  const next = after.nextAttemptAt.getTime();
  return { result, row: after, minDelay: next - finishedAt, maxDelay: next - startedAt };
}

describe("outbox retries and dead letters", () => {
  it("backs off exponentially while SMTP is down, then dead-letters after the last attempt", async () => {
    const { id } = await db().$transaction((tx) =>
      enqueueMail(tx, {
        kind: "test.retry",
        to: ADDRESS,
        subject: "Retry me",
        ...renderMail({ heading: "Retry", paragraphs: ["x"] }),
      }),
    );

    const first = await attempt();
    expect(first.result).toMatchObject({ claimed: 1, sent: 0, retried: 1, dead: 0 });
    expect(first.row).toMatchObject({ status: "pending", attempts: 1, claimToken: null, lockedUntil: null });
    expect(first.row.lastError).toMatch(/ECONNREFUSED/);
    // KEYDESK_RETRY_BASE_MS is 50 in tests: first retry after 50 ms ± 25 %, the second after 100 ms ± 25 %.
    expect(first.maxDelay).toBeGreaterThanOrEqual(50 * 0.75 - 2);
    expect(first.minDelay).toBeLessThanOrEqual(50 * 1.25 + 2);

    const second = await attempt();
    expect(second.row).toMatchObject({ status: "pending", attempts: 2 });
    expect(second.maxDelay).toBeGreaterThanOrEqual(100 * 0.75 - 2);
    expect(second.minDelay).toBeLessThanOrEqual(100 * 1.25 + 2);

    const third = await attempt();
    expect(third.result).toMatchObject({ claimed: 1, dead: 1 });
    expect(third.row).toMatchObject({ id, status: "dead", attempts: 3, sentAt: null });
    expect(third.row.lastError).not.toContain(ADDRESS);

    // Dead letters are not picked up again.
    expect((await processOutboxBatch({ workerId: "test" })).claimed).toBe(0);
    expect(await outboxStats(admin)).toMatchObject({ pending: 0, sent: 0, dead: 1 });
    expect(await codeOf(outboxStats(agent))).toBe("forbidden");
  });

  it("shows dead letters to admins only and lets an admin send one again (audited)", async () => {
    expect(await codeOf(listDeadLetters(agent))).toBe("forbidden");
    expect(await codeOf(getOutboxPage(agent))).toBe("forbidden");
    const dead = await listDeadLetters(admin);
    expect((await getOutboxPage(admin)).deadLetters).toEqual(dead);
    expect(dead).toHaveLength(1);
    const [letter] = dead;
    expect(letter).toMatchObject({ channel: "mail", kind: "test.retry", attempts: 3 });
    expect(JSON.stringify(dead)).not.toContain(ADDRESS);

    expect(await codeOf(retryDeadLetter(agent, { id: letter!.id }, meta()))).toBe("forbidden");
    expect(await codeOf(retryDeadLetter(admin, { id: "no-such-row" }, meta()))).toBe("not_found");
    await retryDeadLetter(admin, { id: letter!.id }, meta({ ip: "203.0.113.77" }));
    expect(await codeOf(retryDeadLetter(admin, { id: letter!.id }, meta()))).toBe("not_found"); // no longer dead

    const audit = await db().auditEvent.findMany({ where: { action: "outbox.retried" } });
    expect(audit).toMatchObject([
      { actorType: "agent", actorId: admin.agentId, targetType: "outbox_message", targetId: letter!.id },
    ]);
    expect(audit[0]?.ipEnc).not.toBeNull(); // the request's address is kept (encrypted) with the event

    await sink.start();
    const result = await processOutboxBatch({ workerId: "test" });
    expect(result).toMatchObject({ claimed: 1, sent: 1 });
    await sink.waitFor((m) => m.messageId === `<${letter!.id}@keydesk>`);
    expect(sink.messages).toHaveLength(1);
    expect(await db().outboxMessage.findUniqueOrThrow({ where: { id: letter!.id } })).toMatchObject({
      status: "sent",
      attempts: 1,
    });
  });

  it("caps the back-off at one hour and scrubs addresses out of stored errors", () => {
    expect(backoffDelayMs(1, 1000)).toBeGreaterThanOrEqual(750);
    expect(backoffDelayMs(1, 1000)).toBeLessThanOrEqual(1250);
    expect(backoffDelayMs(4, 1000)).toBeGreaterThanOrEqual(6000);
    expect(backoffDelayMs(40, 30_000)).toBeLessThanOrEqual(3_600_000);
    const described = describeDeliveryError(
      Object.assign(new Error(`550 5.1.1 <${ADDRESS}>: user unknown\n${"x".repeat(500)}`), { code: "EENVELOPE" }),
    );
    expect(described).toMatch(/^EENVELOPE: 550 5\.1\.1/);
    expect(described).not.toContain(ADDRESS);
    expect(described.length).toBeLessThanOrEqual(300);
  });
});
