// The indexes `npm run bench -- --scale` relies on (latency flat from 10k to 1M orders): each path is
// run through its real use case, the SQL it sends is captured at the driver, and the database's own
// plan for that SQL must use the index — on SQLite (EXPLAIN QUERY PLAN) and on PostgreSQL (EXPLAIN,
// with sequential scans disabled in the transaction: on a small table a scan is cheaper and the
// planner would rightly pick it, which says nothing about 1M rows).
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { providerOf } from "@/lib/db/adapter";
import { env } from "@/lib/env";
import { ingestOrder } from "@/lib/orders/ingest-order";
import { parseOrderPayload } from "@/lib/orders/schemas";
import { searchOrders } from "@/lib/orders/search-orders";
import { listBuyerOrders } from "@/lib/orders/list-buyer-orders";
import { runBuyerLookupTask } from "@/lib/buyers/run-lookup-task";
import { claimOutboxBatch } from "@/lib/outbox/claim-outbox-batch";
import { enqueueTask } from "@/lib/tasks/enqueue-task";
import { sampleOrder } from "@/test/fixtures/order-payloads";
import { givenAgent, meta } from "../helpers/actors";

const require = createRequire(import.meta.url);
const postgres = () => providerOf(env().databaseUrl) === "postgres";

interface TStatement {
  sql: string;
  values: unknown[];
}

/** The SELECTs `work` sends to the database (hooked at better-sqlite3 / pg, below Prisma). */
async function captureSelects(work: () => Promise<unknown>): Promise<TStatement[]> {
  const seen: TStatement[] = [];
  const keep = (sql: string, values: unknown[]) => {
    if (/^\s*SELECT/i.test(sql) && !/pg_catalog|information_schema/.test(sql)) seen.push({ sql, values });
  };
  if (postgres()) {
    const pg = require("pg") as { Client: { prototype: { query: (...args: unknown[]) => unknown } } };
    const original = pg.Client.prototype.query;
    pg.Client.prototype.query = function (this: unknown, ...args: unknown[]) {
      const config = args[0] as { text?: string; values?: unknown[] } | string;
      if (typeof config === "object" && config?.text) keep(config.text, config.values ?? []);
      return original.apply(this, args);
    };
    try {
      await work();
    } finally {
      pg.Client.prototype.query = original;
    }
  } else {
    // Hooked where statements run, not where they are compiled: the SQLite adapter keeps compiled
    // statements (lib/db/adapter.ts), so a query an earlier test already ran is never prepared again.
    const Database = require("better-sqlite3") as new (file: string) => {
      prepare: (sql: string) => object;
      close: () => void;
    };
    const probe = new Database(":memory:");
    const statementProto = Object.getPrototypeOf(probe.prepare("SELECT 1")) as Record<
      "all" | "get" | "iterate" | "run",
      (this: { source: string }, ...args: unknown[]) => unknown
    >;
    probe.close();
    const methods = ["all", "get", "iterate", "run"] as const;
    const originals = methods.map((name) => statementProto[name]);
    methods.forEach((name, index) => {
      const original = originals[index]!;
      statementProto[name] = function (this: { source: string }, ...args: unknown[]) {
        keep(this.source, []);
        return original.apply(this, args);
      };
    });
    try {
      await work();
    } finally {
      methods.forEach((name, index) => (statementProto[name] = originals[index]!));
    }
  }
  return seen;
}

/** The plan of each statement as text lines. */
async function plansOf(statements: TStatement[]): Promise<string[][]> {
  if (postgres()) {
    return db().$transaction(async (tx) => {
      await tx.$executeRawUnsafe("SET LOCAL enable_seqscan = off");
      const plans: string[][] = [];
      for (const { sql, values } of statements) {
        const rows = await tx.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(`EXPLAIN ${sql}`, ...values);
        plans.push(rows.map((r) => r["QUERY PLAN"]));
      }
      return plans;
    });
  }
  const plans: string[][] = [];
  for (const { sql } of statements) {
    const params = (sql.match(/\?/g) ?? []).map(() => "x");
    const rows = await db().$queryRawUnsafe<{ detail: string }[]>(`EXPLAIN QUERY PLAN ${sql}`, ...params);
    plans.push(rows.map((r) => r.detail));
  }
  return plans;
}

const ORDER_TABLES = ["Order", "OrderItem", "LicenseKey", "Customer"];

/** Runs `work`, then checks that no statement reads a whole table of `TABLES` and that `indexes` are used. */
async function expectIndexed(work: () => Promise<unknown>, indexes: string[], TABLES = ORDER_TABLES) {
  const statements = (await captureSelects(work)).filter((s) =>
    TABLES.some((t) => s.sql.includes(`"${t}"`) || s.sql.includes(`\`${t}\``)),
  );
  expect(statements.length).toBeGreaterThan(0);
  const plans = await plansOf(statements);
  const text = plans.flat().join("\n");
  for (const [i, plan] of plans.entries()) {
    const scans = plan.filter((line) =>
      postgres()
        ? TABLES.some((t) => line.includes(`Seq Scan on "${t}"`))
        : TABLES.some((t) => new RegExp(`^SCAN (main\\.)?${t}\\b(?! USING (COVERING )?INDEX)`).test(line.trim())),
    );
    expect(scans, `${statements[i]?.sql}\n${plan.join("\n")}`).toEqual([]);
  }
  for (const index of indexes) expect(text, text).toContain(index);
}

const SYSTEM = { type: "system", label: "test" } as const;

describe("the indexes the scale benchmark relies on are used", () => {
  it("agent search by e-mail, number and licence key; the buyer's orders; the look-up task", async () => {
    const agent = await givenAgent("agent");
    const customer = { email: "plan.buyer@example.com", name: "Plan Buyer" };
    for (let i = 0; i < 5; i++) {
      await ingestOrder(
        parseOrderPayload(
          sampleOrder({
            number: `PLAN-${i}`,
            externalId: `PLAN-${i}`,
            customer,
            items: [
              { sku: "PLAN-SKU", name: "Plan", quantity: 1, unitAmount: 100, licenseKeys: [`PLANK-${i}-AAAAA-BBBBB`] },
            ],
          }),
        ),
        SYSTEM,
      );
    }
    const order = await db().order.findFirstOrThrow({ where: { number: "PLAN-1" }, select: { customerId: true } });

    // By e-mail: the order's address index and the customer's orders (customerId, placedAt).
    await expectIndexed(
      () => searchOrders(agent, { query: "plan.buyer@example.com" }, meta()),
      ["Customer_emailHash_key", "Order_emailHash_idx", "Order_customerId_placedAt_idx", "LicenseKey_orderItemId"],
    );
    await expectIndexed(() => searchOrders(agent, { query: "PLAN-3" }, meta()), ["Order_numberKey_idx"]);
    await expectIndexed(
      () => searchOrders(agent, { query: "PLANK-2-AAAAA-BBBBB" }, meta()),
      ["LicenseKey_keyHash_idx"],
    );
    await expectIndexed(
      () => listBuyerOrders({ customerId: order.customerId } as never),
      ["Order_customerId_placedAt_idx"],
    );
    await expectIndexed(
      () => runBuyerLookupTask({ email: "plan.buyer@example.com", requestedAt: new Date().toISOString() }),
      ["Customer_emailHash_key", "Order_customerId_placedAt_idx"],
    );
  });

  it("the worker's claim: the due rows of the urgent lane first, from the (status, lane, nextAttemptAt) index", async () => {
    await enqueueTask("buyer.lookup", { email: "plan.lane@example.com", requestedAt: new Date().toISOString() });
    await expectIndexed(
      () => claimOutboxBatch({ channels: ["mail", "task"], limit: 20 }),
      ["OutboxMessage_status_lane_nextAttemptAt_idx"],
      ["OutboxMessage"],
    );
  });
});
