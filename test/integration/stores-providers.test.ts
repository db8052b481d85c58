// Real connectors through the real webhook route, on the providers' documented payloads
// (test/fixtures/stores): Paddle's customer event before and after its transaction and a refund by
// line, FastSpring's fulfilment keys and a return of one item, Lemon Squeezy's licence key before
// its order and a full refund, Polar's benefit grant (its key fetched from a local stand-in of
// Polar's API) before its order. Each test has its own store, so fixture ids do not clash.
import { createHmac } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { listBuyerOrders } from "@/lib/orders/list-buyer-orders";
import { signedIn } from "@/test/helpers/actors";
import { deliver, givenStore, outcomesOf } from "@/test/helpers/stores";

const SECRET = "provider-integration-secret-0123456789";

function fixture(provider: string, name: string, replace: Record<string, string> = {}): string {
  let text = fs.readFileSync(path.resolve(import.meta.dirname, "../fixtures/stores", provider, name), "utf8");
  for (const [from, to] of Object.entries(replace)) text = text.replaceAll(from, to);
  return text;
}

const hmac = (body: string, encoding: "hex" | "base64", prefix = "") =>
  createHmac("sha256", SECRET).update(`${prefix}${body}`).digest(encoding);

function paddle(storeId: string, body: string) {
  const ts = Math.floor(Date.now() / 1000);
  return deliver(storeId, body, {
    "content-type": "application/json",
    "paddle-signature": `ts=${ts};h1=${hmac(body, "hex", `${ts}:`)}`,
  });
}
const fastspring = (storeId: string, body: string) =>
  deliver(storeId, body, { "content-type": "application/json", "x-fs-signature": hmac(body, "base64") });
const lemonsqueezy = (storeId: string, body: string) =>
  deliver(storeId, body, { "content-type": "application/json", "x-signature": hmac(body, "hex") });

async function itemsOf(source: string) {
  const items = await db().orderItem.findMany({
    where: { order: { source } },
    orderBy: { position: "asc" },
    select: { sku: true, status: true, keys: { select: { status: true }, orderBy: { position: "asc" } } },
  });
  return items.map((i) => [i.sku, i.status, ...i.keys.map((k) => k.status)]);
}

describe("Paddle Billing through the webhook route", () => {
  it("waits for the customer's e-mail when the transaction comes first, then refunds the whole line only", async () => {
    const store = await givenStore("paddle", { secret: SECRET });
    const email = `paddle-first-${Date.now()}@example.com`;
    const txn = fixture("paddle", "transaction-completed.json");
    expect(await outcomesOf(await paddle(store.id, txn))).toEqual(["waiting"]);
    expect(await db().order.count({ where: { source: store.name } })).toBe(0);

    const customer = fixture("paddle", "customer-created.json", { "anna.schmidt@example.com": email });
    expect(await outcomesOf(await paddle(store.id, customer))).toEqual(["applied"]);
    const orders = await listBuyerOrders(await signedIn(email));
    expect(orders).toHaveLength(1);
    expect((await db().storeEvent.findMany({ where: { storeId: store.id } })).map((e) => e.outcome)).toEqual([
      "applied",
      "applied",
    ]);

    // One line refunded in full, the other for part of its units: only the first is taken back.
    const refund = fixture("paddle", "adjustment-refund-approved.json");
    expect(await outcomesOf(await paddle(store.id, refund))).toEqual(["applied"]);
    const statuses = (await itemsOf(store.name)).map(([, status]) => status);
    expect(statuses).toEqual(["paid", "refunded"]);
    const order = await db().order.findFirstOrThrow({ where: { source: store.name } });
    expect(order.status).toBe("partially_refunded");
  });

  it("takes the whole order back on a chargeback adjustment; redeliveries change nothing", async () => {
    const store = await givenStore("paddle", { secret: SECRET });
    const email = `paddle-chargeback-${Date.now()}@example.com`;
    const txn = fixture("paddle", "transaction-completed.json");
    const customer = fixture("paddle", "customer-created.json", { "anna.schmidt@example.com": email });
    await paddle(store.id, customer);
    expect(await outcomesOf(await paddle(store.id, txn))).toEqual(["applied"]);
    // Paddle re-sends a notification it got no 2xx for, re-signed with a new timestamp.
    expect(await outcomesOf(await paddle(store.id, txn))).toEqual(["duplicate"]);
    expect(await outcomesOf(await paddle(store.id, customer))).toEqual(["duplicate"]);
    expect(await db().order.count({ where: { source: store.name } })).toBe(1);

    const chargeback = fixture("paddle", "adjustment-chargeback.json");
    expect(await outcomesOf(await paddle(store.id, chargeback))).toEqual(["applied"]);
    const order = await db().order.findFirstOrThrow({ where: { source: store.name } });
    expect(order.status).toBe("chargeback");
    expect((await itemsOf(store.name)).map(([, status]) => status)).toEqual(["refunded", "refunded"]);
    expect(await outcomesOf(await paddle(store.id, chargeback))).toEqual(["duplicate"]);
  });

  it("uses customer details that arrived before the transaction", async () => {
    const store = await givenStore("paddle", { secret: SECRET });
    const email = `paddle-later-${Date.now()}@example.com`;
    await paddle(store.id, fixture("paddle", "customer-created.json", { "anna.schmidt@example.com": email }));
    expect(await outcomesOf(await paddle(store.id, fixture("paddle", "transaction-completed.json")))).toEqual([
      "applied",
    ]);
    expect(await listBuyerOrders(await signedIn(email))).toHaveLength(1);
  });
});

describe("FastSpring through the webhook route", () => {
  it("stores the fulfilment licence keys; a return of one item revokes only that item", async () => {
    const store = await givenStore("fastspring", { secret: SECRET });
    const email = `fastspring-${Date.now()}@example.com`;
    const order = fixture("fastspring", "order-completed.json", { "Maria.Garcia@example.com": email });
    const first = await fastspring(store.id, order);
    expect(first.status).toBeGreaterThanOrEqual(200);
    expect(first.status).toBeLessThan(300);
    expect(await itemsOf(store.name)).toEqual([
      ["KD-PRO", "paid", "active", "active"],
      ["priority-support", "paid"],
    ]);
    expect(await listBuyerOrders(await signedIn(email))).toHaveLength(1);

    const again = await fastspring(store.id, order);
    expect(again.status).toBe(first.status);
    expect(await db().order.count({ where: { source: store.name } })).toBe(1);

    await fastspring(store.id, fixture("fastspring", "return-created.json"));
    expect(await itemsOf(store.name)).toEqual([
      ["KD-PRO", "paid", "active", "active"],
      ["priority-support", "refunded"],
    ]);
  });
});

describe("Lemon Squeezy through the webhook route", () => {
  it("keeps a licence key that arrives before its order, then a full refund revokes it", async () => {
    const store = await givenStore("lemonsqueezy", { secret: SECRET });
    const email = `lemon-${Date.now()}@example.jp`;
    const key = fixture("lemonsqueezy", "license-key-created.json", { "kenji@example.jp": email });
    expect(await outcomesOf(await lemonsqueezy(store.id, key))).toEqual(["waiting"]);
    const order = fixture("lemonsqueezy", "order-created.json", { "kenji@example.jp": email });
    expect(await outcomesOf(await lemonsqueezy(store.id, order))).toEqual(["applied"]);
    const [line] = await itemsOf(store.name);
    expect(line?.slice(1)).toEqual(["paid", "active"]);
    const placed = await db().order.findFirstOrThrow({ where: { source: store.name } });
    expect([placed.currency, placed.totalAmount]).toEqual(["JPY", 10780]);
    // A redelivery (Lemon Squeezy retries a non-2xx answer) is the same event: nothing changes.
    expect(await outcomesOf(await lemonsqueezy(store.id, order))).toEqual(["duplicate"]);
    expect(await outcomesOf(await lemonsqueezy(store.id, key))).toEqual(["duplicate"]);
    expect(await db().order.count({ where: { source: store.name } })).toBe(1);

    const refund = fixture("lemonsqueezy", "order-refunded.json", {
      '"refunded": false': '"refunded": true',
      '"refunded_amount": 5000': '"refunded_amount": 10780',
      '"status": "partial_refund"': '"status": "refunded"',
    });
    expect(await outcomesOf(await lemonsqueezy(store.id, refund))).toEqual(["applied"]);
    expect((await itemsOf(store.name))[0]?.slice(1)).toEqual(["refunded", "revoked"]);
    expect(await outcomesOf(await lemonsqueezy(store.id, refund))).toEqual(["duplicate"]);
  });
});

describe("Polar through the webhook route", () => {
  let server: http.Server;
  let base = "";
  const seen: string[] = [];
  beforeAll(async () => {
    const key = fixture("polar", "license-key.json");
    server = http.createServer((req, res) => {
      seen.push(`${req.url ?? ""} ${req.headers.authorization ?? ""}`);
      res.writeHead(200, { "content-type": "application/json" }).end(key);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  let n = 0;
  function polar(storeId: string, body: string, id = `msg_polar_${Date.now()}_${++n}`) {
    // Polar's SDK hands standardwebhooks the base64 of the secret's bytes.
    const signature = new Webhook(Buffer.from(SECRET).toString("base64")).sign(id, new Date(), body);
    return deliver(storeId, body, {
      "content-type": "application/json",
      "webhook-id": id,
      "webhook-timestamp": String(Math.floor(Date.now() / 1000)),
      "webhook-signature": signature,
    });
  }

  it("fetches a grant's licence key with the store's token, waits for the order, then a refund revokes it", async () => {
    const store = await givenStore("polar", { secret: SECRET, apiKey: "polar_oat_standin", apiBase: base });
    const email = `polar-${Date.now()}@example.com`;
    const grant = fixture("polar", "benefit-grant-created.json", { "anna.schmidt@example.com": email });
    expect(await outcomesOf(await polar(store.id, grant))).toEqual(["waiting"]);
    const order = fixture("polar", "order-paid.json", { "anna.schmidt@example.com": email });
    const orderMessage = `msg_polar_order_${Date.now()}`;
    expect(await outcomesOf(await polar(store.id, order, orderMessage))).toEqual(["applied"]);
    // Polar retries with the same webhook-id (a new timestamp and signature): nothing changes.
    expect(await outcomesOf(await polar(store.id, order, orderMessage))).toEqual(["duplicate"]);
    expect(await db().order.count({ where: { source: store.name } })).toBe(1);
    expect((await itemsOf(store.name))[0]?.slice(1)).toEqual(["paid", "active"]);
    expect(seen.at(-1)).toMatch(/^\/v1\/license-keys\/4c3b2a19-0f8e-47d6-a5b4-c3d2e1f0a9b8 Bearer polar_oat_standin$/);
    expect(await listBuyerOrders(await signedIn(email))).toHaveLength(1);

    const refunded = fixture("polar", "order-paid.json", {
      "anna.schmidt@example.com": email,
      '"type": "order.paid"': '"type": "order.refunded"',
      '"status": "paid"': '"status": "refunded"',
      '"refunded_amount": 0': '"refunded_amount": 5831',
    });
    expect(await outcomesOf(await polar(store.id, refunded))).toEqual(["applied"]);
    expect((await itemsOf(store.name))[0]?.slice(1)).toEqual(["refunded", "revoked"]);
  });
});
