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
import { createBuyerSession, validateBuyerSession } from "@/lib/auth/buyer-sessions";
import { createAgentSession, validateAgentSession } from "@/lib/auth/agent-sessions";
import { claimOutboxBatch } from "@/lib/outbox/claim-outbox-batch";
import { enqueueTask } from "@/lib/tasks/enqueue-task";
import { sampleOrder } from "@/test/fixtures/order-payloads";
import { createGuestTicket } from "@/lib/tickets/create-guest-ticket";
import { redeemTicketLink } from "@/lib/tickets/redeem-ticket-link";
import { listTicketInbox } from "@/lib/tickets/list-ticket-inbox";
import { INBOX_VIEWS } from "@/lib/tickets/agent-schemas";
import { sealAgentSearch } from "@/lib/crypto/sealed-search";
import { givenAgent, meta, nextIp } from "../helpers/actors";
import { guestValues, lastTicketToken } from "../helpers/tickets";

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

/**
 * The plan of each statement as text lines. `noSort` also disables sorting on PostgreSQL: a plan
 * without a Sort node then proves that an index delivers the rows in the ORDER BY's order (on a
 * small table a sort is cheaper and the planner would rightly pick it).
 */
async function plansOf(statements: TStatement[], noSort = false): Promise<string[][]> {
  if (postgres()) {
    return db().$transaction(async (tx) => {
      await tx.$executeRawUnsafe("SET LOCAL enable_seqscan = off");
      if (noSort) await tx.$executeRawUnsafe("SET LOCAL enable_sort = off");
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

/**
 * Whether the PostgreSQL plan node on line `j` looks its rows up by key: its detail lines (indented
 * under it, up to the next node) hold an Index Cond. Without one, an index scan reads the whole index
 * (the planner's answer to `enable_seqscan = off` for a table no index serves).
 */
function hasIndexCond(plan: string[], j: number): boolean {
  const indent = (line: string) => line.length - line.trimStart().length;
  const own = indent(plan[j]?.replace("->", "  ") ?? "");
  for (const line of plan.slice(j + 1)) {
    if (line.trimStart().startsWith("->") || indent(line) <= own) return false;
    if (line.trimStart().startsWith("Index Cond:")) return true;
  }
  return false;
}

const ORDER_TABLES = ["Order", "OrderItem", "LicenseKey", "Customer"];

/**
 * Runs `work`, then checks that no statement reads a whole table of `TABLES` and that `indexes` are
 * used; returns the plans' text.
 */
async function expectIndexed(work: () => Promise<unknown>, indexes: string[], TABLES = ORDER_TABLES) {
  const statements = (await captureSelects(work)).filter((s) =>
    TABLES.some((t) => s.sql.includes(`"${t}"`) || s.sql.includes(`\`${t}\``)),
  );
  expect(statements.length).toBeGreaterThan(0);
  const plans = await plansOf(statements);
  const text = plans.flat().join("\n");
  for (const [i, plan] of plans.entries()) {
    const scans = plan.filter((line, j) =>
      postgres()
        ? TABLES.some(
            (t) =>
              line.includes(`Seq Scan on "${t}"`) ||
              (new RegExp(`Index (Only )?Scan (Backward )?using \\S+ on "${t}"`).test(line) && !hasIndexCond(plan, j)),
          )
        : // "SCAN t USING INDEX i" walks all of i: as much a full read as "SCAN t".
          TABLES.some((t) => new RegExp(`^SCAN (main\\.)?${t}\\b`).test(line.trim())),
    );
    expect(scans, `${statements[i]?.sql}\n${plan.join("\n")}`).toEqual([]);
  }
  for (const index of indexes) expect(text, text).toContain(index);
  return text;
}

/** Checks that each statement of `work` matching `pattern` reads its rows in order from an index (no sort). */
async function expectOrderedByIndex(work: () => Promise<unknown>, pattern: RegExp) {
  const statements = (await captureSelects(work)).filter((s) => pattern.test(s.sql));
  expect(statements.length).toBeGreaterThan(0);
  const plans = await plansOf(statements, true);
  for (const [i, plan] of plans.entries()) {
    const sorts = plan.filter((line) => (postgres() ? /(^|->\s*)Sort\b/.test(line.trim()) : /TEMP B-TREE/.test(line)));
    expect(sorts, `${statements[i]?.sql}\n${plan.join("\n")}`).toEqual([]);
  }
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

  it("the ticket inbox: every queue with its counts, both sort orders, and the three searches", async () => {
    const agent = await givenAgent("agent");
    const order = await ingestOrder(
      parseOrderPayload(
        sampleOrder({
          number: "PLAN-T1",
          externalId: "PLAN-T1",
          customer: { email: "plan.t@example.com", name: "Plan T" },
        }),
      ),
      SYSTEM,
    );
    expect(order).toBeTruthy();
    const refs: string[] = [];
    for (const [i, confirm] of [true, true, false].entries()) {
      const email = `plan.ticket${i}@example.com`;
      const { ref } = await createGuestTicket(
        { ...guestValues({ email, orderNumber: "PLAN-T1" }), channel: "api" },
        meta({ ip: nextIp() }),
      );
      if (confirm) await redeemTicketLink({ token: await lastTicketToken(email) }, meta({ ip: nextIp() }));
      refs.push(ref);
    }
    const TICKET_TABLES = ["Ticket", "TicketMessage"];
    const inbox = (search: { view?: string; sort?: string; s?: string }) => () =>
      listTicketInbox(agent, search, meta());
    // Every queue, its list and the six counts, oldest and newest first.
    let plans = "";
    for (const view of INBOX_VIEWS) {
      for (const sort of ["", "newest"]) plans += await expectIndexed(inbox({ view, sort }), [], TICKET_TABLES);
    }
    for (const index of [
      "Ticket_status_createdAt_idx",
      "Ticket_status_verifiedAt_createdAt_idx",
      "Ticket_assigneeId_status_verifiedAt_createdAt_idx",
    ])
      expect(plans, plans).toContain(index);
    // The queues that grow with the history (every solved ticket, every guest ticket never
    // confirmed): a page of them is read in order from an index, not sorted from all of them.
    const list = /FROM [`"]\w+[`"]\.[`"]Ticket[`"] WHERE .* ORDER BY/;
    for (const sort of ["", "newest"]) {
      await expectOrderedByIndex(inbox({ view: "solved", sort }), list);
      await expectOrderedByIndex(inbox({ view: "unverified", sort }), list);
    }
    // Searches by reference, address and order number.
    const search = (query: string) => inbox({ view: "open", s: sealAgentSearch(agent, query) });
    await expectIndexed(search(refs[0] ?? ""), ["Ticket_ref_key"], TICKET_TABLES);
    await expectIndexed(search("plan.ticket1@example.com"), ["Ticket_emailHash_idx"], TICKET_TABLES);
    await expectIndexed(
      search("PLAN-T1"),
      ["Order_numberKey_idx", "Ticket_orderId_idx", "Ticket_customerId_idx"],
      [...TICKET_TABLES, "Order"],
    );
  });

  it("the session every signed-in page (orders, searches, inbox) validates first: by its token's hash", async () => {
    const agent = await givenAgent("agent");
    await ingestOrder(
      parseOrderPayload(
        sampleOrder({ number: "PLAN-S1", externalId: "PLAN-S1", customer: { email: "plan.s@example.com", name: "S" } }),
      ),
      SYSTEM,
    );
    const { customerId } = await db().order.findFirstOrThrow({ where: { number: "PLAN-S1" } });
    const [buyerToken, agentToken] = await db().$transaction(async (tx) => [
      await createBuyerSession(tx, { customerId, ip: null, userAgent: null }),
      await createAgentSession(tx, { agentId: agent.agentId, ip: null, userAgent: null }),
    ]);
    const TABLES = ["Session", "Customer", "Agent"];
    await expectIndexed(() => validateBuyerSession(buyerToken), ["Session_tokenHash_key"], TABLES);
    await expectIndexed(() => validateAgentSession(agentToken), ["Session_tokenHash_key"], TABLES);
  });
});
