// GET /metrics and GET /api/ready through their real route handlers: metrics exist only with
// KEYDESK_METRICS_TOKEN and only for its bearer; the queue gauges follow the outbox (pending, oldest
// age, dead letters, look-up lag) and refusals by a rate limit are counted; ready means the database
// answers and every migration is applied; healthy means a table of Keydesk's can be read.
import { afterEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { resetEnvForTests } from "@/lib/env";
import { GET as metrics } from "@/app/metrics/route";
import { GET as ready } from "@/app/api/ready/route";
import { GET as health } from "@/app/api/health/route";
import { POST as lookUp } from "@/app/api/v1/lookup/route";
import { LOOKUP_LIMIT_PER_IP } from "@/lib/buyers/request-sign-in-link";
import Stripe from "stripe";
import { deliver, givenStore, outcomesOf } from "@/test/helpers/stores";

const TOKEN = "metrics-token-for-tests-0123456789";

function scrape(authorization?: string): Promise<Response> {
  return metrics(new Request("http://localhost/metrics", { headers: authorization ? { authorization } : {} }));
}

function value(text: string, series: string): number {
  const line = text.split("\n").find((l) => l.startsWith(series + " "));
  if (!line) throw new Error(`no series ${series} in:\n${text}`);
  return Number(line.slice(series.length + 1));
}

afterEach(() => {
  delete process.env.KEYDESK_METRICS_TOKEN;
  resetEnvForTests();
});

describe("GET /metrics", () => {
  it("does not exist without KEYDESK_METRICS_TOKEN", async () => {
    expect((await scrape(`Bearer ${TOKEN}`)).status).toBe(404);
  });

  it("refuses a missing or wrong bearer token", async () => {
    process.env.KEYDESK_METRICS_TOKEN = TOKEN;
    resetEnvForTests();
    for (const header of [undefined, `Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(0, -1)}`, TOKEN, "Bearer "]) {
      const response = await scrape(header);
      expect(response.status, String(header)).toBe(401);
      expect(await response.text()).not.toContain("keydesk_");
    }
  });

  it("shows outbox depth, oldest age, dead letters, look-up lag and rate-limit refusals", async () => {
    process.env.KEYDESK_METRICS_TOKEN = TOKEN;
    resetEnvForTests();
    const hourAgo = new Date(Date.now() - 3_600_000);
    await db().outboxMessage.createMany({
      data: [
        { id: "m1", kind: "test.mail", payloadEnc: "x", createdAt: hourAgo },
        { id: "m2", kind: "test.mail", payloadEnc: "x" },
        { id: "d1", kind: "test.mail", payloadEnc: "x", status: "dead" },
        { id: "t1", channel: "task", kind: "buyer.lookup", payloadEnc: "x", createdAt: new Date(Date.now() - 90_000) },
      ],
    });
    const ip = "192.0.2.77";
    for (let i = 0; i <= LOOKUP_LIMIT_PER_IP.max; i++) {
      await lookUp(
        new Request("http://localhost/api/v1/lookup", {
          method: "POST",
          headers: { "content-type": "application/json", "x-forwarded-for": ip },
          body: JSON.stringify({ email: `metrics${i}@example.com` }),
        }),
      );
    }

    const response = await scrape(`Bearer ${TOKEN}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/plain");
    const text = await response.text();
    expect(value(text, 'keydesk_outbox_pending{channel="mail"}')).toBe(2);
    expect(value(text, 'keydesk_outbox_oldest_pending_seconds{channel="mail"}')).toBeGreaterThanOrEqual(3600);
    expect(value(text, 'keydesk_outbox_dead_letters{channel="mail"}')).toBe(1);
    expect(value(text, 'keydesk_outbox_pending{channel="task"}')).toBe(LOOKUP_LIMIT_PER_IP.max + 1);
    expect(value(text, "keydesk_lookup_task_lag_seconds")).toBeGreaterThanOrEqual(90);
    expect(value(text, 'keydesk_rate_limit_refusals_total{rule="lookup:ip"}')).toBe(1);
    // Counts only: no address, key or token ever appears.
    expect(text).not.toMatch(/@|metrics0/);
  });

  it("counts store deliveries by provider and outcome, refused signatures included", async () => {
    process.env.KEYDESK_METRICS_TOKEN = TOKEN;
    resetEnvForTests();
    const secret = "whsec_metrics_store_0123456789";
    const store = await givenStore("stripe", { secret });
    const payload = JSON.stringify({
      id: "evt_metrics_1",
      object: "event",
      created: Math.floor(Date.now() / 1000),
      livemode: false,
      type: "customer.created", // not one Keydesk applies: recorded as ignored
      data: { object: { id: "cus_metrics", object: "customer" } },
    });
    const headers = (key: string) => ({
      "content-type": "application/json",
      "stripe-signature": new Stripe("sk_test_metrics").webhooks.generateTestHeaderString({ payload, secret: key }),
    });
    expect(await outcomesOf(await deliver(store.id, payload, headers(secret)))).toEqual(["ignored"]);
    expect(await outcomesOf(await deliver(store.id, payload, headers(secret)))).toEqual(["duplicate"]);
    expect((await deliver(store.id, payload, headers("whsec_not_the_secret_0000"))).status).toBe(401);

    const text = await (await scrape(`Bearer ${TOKEN}`)).text();
    expect(value(text, 'keydesk_store_events_total{provider="stripe",outcome="ignored"}')).toBe(1);
    expect(value(text, 'keydesk_store_events_total{provider="stripe",outcome="duplicate"}')).toBe(1);
    expect(value(text, 'keydesk_store_events_total{provider="stripe",outcome="bad_signature"}')).toBe(1);
  });
});

describe("GET /api/ready", () => {
  it("is not ready while a migration is not applied (503, says which part)", async () => {
    const [last] = await db().$queryRaw<{ id: string; finished_at: unknown }[]>`
      SELECT id, finished_at FROM _prisma_migrations ORDER BY migration_name DESC LIMIT 1`;
    await db().$executeRaw`UPDATE _prisma_migrations SET finished_at = NULL WHERE id = ${last!.id}`;
    try {
      const response = await ready(new Request("http://localhost/api/ready"));
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ status: "not_ready", database: "ok", migrations: "pending" });
    } finally {
      await db().$executeRaw`UPDATE _prisma_migrations SET finished_at = CURRENT_TIMESTAMP WHERE id = ${last!.id}`;
    }
  });

  it("is ready when the database answers and every migration is applied", async () => {
    const response = await ready(new Request("http://localhost/api/ready"));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ready", database: "ok", migrations: "ok" });
  });
});

describe("GET /api/health", () => {
  it("is ok when the database answers with Keydesk's tables", async () => {
    const response = await health(new Request("http://localhost/api/health"));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok", database: "ok" });
  });

  it("is degraded (503) when a table cannot be read, not only when the connection is gone", async () => {
    await db().$executeRaw`ALTER TABLE "Setting" RENAME TO "SettingAway"`;
    try {
      const response = await health(new Request("http://localhost/api/health"));
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ status: "degraded", database: "error" });
    } finally {
      await db().$executeRaw`ALTER TABLE "SettingAway" RENAME TO "Setting"`;
    }
  });
});
