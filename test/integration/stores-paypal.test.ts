// PayPal webhooks through the real webhook route, verified by a local stand-in of PayPal's API
// (OAuth token, verify-webhook-signature answering SUCCESS or FAILURE, the Orders API): a capture
// completed from its order, the token fetched once and reused, redeliveries and concurrent
// duplicates, a refund, a reversal and a dispute, a payer from CHECKOUT.ORDER.APPROVED when the
// Orders API does not know the order, and PayPal's FAILURE or outage refusing the delivery.
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { listBuyerOrders } from "@/lib/orders/list-buyer-orders";
import { errorOf, meta, signedIn } from "@/test/helpers/actors";
import { createStore } from "@/lib/stores/create-store";
import { deliver, givenStore, outcomesOf } from "@/test/helpers/stores";
import { CLI_ACTOR } from "@/lib/auth/assert-operator";

const WEBHOOK_ID = "8PT597110X687430LKGECATA";
const CLIENT = "AcL1ent1d-standin";
const CLIENT_SECRET = "EKs3cr3t-standin";
const GOOD_SIG = "good-transmission-signature";

const fixture = (name: string, replace: Record<string, string> = {}) => {
  let text = fs.readFileSync(path.resolve(import.meta.dirname, "../fixtures/stores/paypal", name), "utf8");
  for (const [from, to] of Object.entries(replace)) text = text.replaceAll(from, to);
  return text;
};

// ---- the stand-in of PayPal's API ------------------------------------------------------------
let server: http.Server;
let base = "";
const calls: string[] = [];
const verifyBodies: string[] = [];
let orders: Record<string, string> = {};
let down = false;

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
  });
}

beforeAll(async () => {
  server = http.createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      calls.push(`${req.method} ${req.url}`);
      const json = (status: number, value: unknown) =>
        res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(value));
      if (down) return json(503, { name: "SERVICE_UNAVAILABLE" });
      if (req.url === "/v1/oauth2/token") {
        const basic = `Basic ${Buffer.from(`${CLIENT}:${CLIENT_SECRET}`).toString("base64")}`;
        if (req.headers.authorization !== basic || body !== "grant_type=client_credentials") {
          return json(401, { error: "invalid_client" });
        }
        return json(200, { access_token: "A21AA-standin-token", token_type: "Bearer", expires_in: 32400 });
      }
      if (req.headers.authorization !== "Bearer A21AA-standin-token")
        return json(401, { name: "AUTHENTICATION_FAILURE" });
      if (req.url === "/v1/notifications/verify-webhook-signature" && req.method === "POST") {
        verifyBodies.push(body);
        const asked = JSON.parse(body) as Record<string, unknown>;
        const event = asked.webhook_event as { id?: string } | undefined;
        const ok =
          asked.transmission_sig === GOOD_SIG &&
          asked.webhook_id === WEBHOOK_ID &&
          asked.auth_algo === "SHA256withRSA" &&
          typeof event?.id === "string";
        return json(200, { verification_status: ok ? "SUCCESS" : "FAILURE" });
      }
      const order = /^\/v2\/checkout\/orders\/([^/]+)$/.exec(req.url ?? "");
      if (order && req.method === "GET") {
        const found = orders[decodeURIComponent(order[1]!)];
        return found ? res.writeHead(200, { "content-type": "application/json" }).end(found) : json(404, {});
      }
      return json(404, { name: "RESOURCE_NOT_FOUND" });
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  down = false;
  orders = {};
});

function send(storeId: string, body: string, signature = GOOD_SIG) {
  return deliver(storeId, body, {
    "content-type": "application/json",
    "paypal-transmission-id": "69cd13f0-d67a-11e5-baa3-778b53f4ae55",
    "paypal-transmission-time": new Date().toISOString(),
    "paypal-transmission-sig": signature,
    "paypal-cert-url": "https://api.paypal.com/v1/notifications/certs/CERT-360caa42-fca2a594-1d93a270",
    "paypal-auth-algo": "SHA256withRSA",
  });
}

let n = 0;
/** A store of its own with fresh PayPal ids, so fixture ids do not clash between tests. */
async function payPalStore() {
  n += 1;
  const suffix = `${Date.now()}${n}`;
  const store = await givenStore("paypal", { secret: WEBHOOK_ID, apiKey: `${CLIENT}:${CLIENT_SECRET}`, apiBase: base });
  const email = `paypal-${suffix}@example.com`;
  const ids = { "priya.raman@example.com": email };
  return { store, email, ids };
}

async function itemsOf(source: string) {
  const items = await db().orderItem.findMany({
    where: { order: { source } },
    orderBy: { position: "asc" },
    select: { sku: true, quantity: true, status: true },
  });
  return items.map((i) => [i.sku, i.quantity, i.status]);
}

describe("PayPal through the webhook route", () => {
  it("verifies with PayPal (SUCCESS), completes the capture from the Orders API, reuses the token", async () => {
    const { store, email, ids } = await payPalStore();
    orders["5O190127TN364715T"] = fixture("order.json", ids);
    const before = calls.filter((c) => c.endsWith("/v1/oauth2/token")).length;
    expect(await outcomesOf(await send(store.id, fixture("capture-completed.json")))).toEqual(["applied"]);
    expect(await itemsOf(store.name)).toEqual([
      ["KD-PRO", 1, "paid"],
      ["KD-SEAT", 3, "paid"],
    ]);
    const order = await db().order.findFirstOrThrow({ where: { source: store.name } });
    expect([order.number, order.currency, order.totalAmount]).toEqual(["KD-2026-0412", "USD", 6400]);
    expect(await listBuyerOrders(await signedIn(email))).toHaveLength(1);
    // PayPal is asked about the event exactly as it was received, byte for byte.
    expect(verifyBodies.at(-1)).toContain(`"webhook_event":${fixture("capture-completed.json")}}`);

    // Redelivered: verified again (PayPal's answer is per delivery), no second effect, no second token.
    const again = await send(store.id, fixture("capture-completed.json"));
    expect(await outcomesOf(again)).toEqual(["duplicate"]);
    expect(await db().order.count({ where: { source: store.name } })).toBe(1);
    expect(calls.filter((c) => c.endsWith("/v1/oauth2/token")).length - before).toBeLessThanOrEqual(1);
  });

  it("concurrent duplicates make one order", async () => {
    const { store, ids } = await payPalStore();
    orders["5O190127TN364715T"] = fixture("order.json", ids);
    const body = fixture("capture-completed.json");
    const responses = await Promise.all(Array.from({ length: 5 }, () => send(store.id, body)));
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(await db().order.count({ where: { source: store.name } })).toBe(1);
  });

  it("a refund, then a dispute: the order is refunded, then charged back", async () => {
    const { store, ids } = await payPalStore();
    orders["5O190127TN364715T"] = fixture("order.json", ids);
    await send(store.id, fixture("capture-completed.json"));
    expect(await outcomesOf(await send(store.id, fixture("capture-refunded.json")))).toEqual(["applied"]);
    expect((await db().order.findFirstOrThrow({ where: { source: store.name } })).status).toBe("refunded");
    expect((await itemsOf(store.name)).map(([, , status]) => status)).toEqual(["refunded", "refunded"]);
    await send(store.id, fixture("dispute-created.json"));
    expect((await db().order.findFirstOrThrow({ where: { source: store.name } })).status).toBe("chargeback");
  });

  it("a reversal is a chargeback", async () => {
    const { store, ids } = await payPalStore();
    orders["5O190127TN364715T"] = fixture("order.json", ids);
    await send(store.id, fixture("capture-completed.json"));
    expect(await outcomesOf(await send(store.id, fixture("capture-reversed.json")))).toEqual(["applied"]);
    expect((await db().order.findFirstOrThrow({ where: { source: store.name } })).status).toBe("chargeback");
  });

  it("without the order in the Orders API the capture waits for CHECKOUT.ORDER.APPROVED's payer", async () => {
    const { store, email, ids } = await payPalStore();
    expect(await outcomesOf(await send(store.id, fixture("capture-completed.json")))).toEqual(["waiting"]);
    expect(await outcomesOf(await send(store.id, fixture("order-approved.json", ids)))).toEqual(["applied"]);
    const order = await db().order.findFirstOrThrow({ where: { source: store.name } });
    expect(order.totalAmount).toBe(6400);
    expect(await listBuyerOrders(await signedIn(email))).toHaveLength(1);
  });

  it("refuses a delivery PayPal answers FAILURE for (401, nothing kept) and asks again later when PayPal is down", async () => {
    const { store, ids } = await payPalStore();
    orders["5O190127TN364715T"] = fixture("order.json", ids);
    expect((await send(store.id, fixture("capture-completed.json"), "forged-signature")).status).toBe(401);
    expect(await db().storeEvent.count({ where: { storeId: store.id } })).toBe(0);
    expect((await db().store.findUniqueOrThrow({ where: { id: store.id } })).badSignatureCount).toBe(1);
    const tampered = fixture("capture-completed.json", { '"value": "64.00"': '"value": "0.01"' });
    expect((await send(store.id, tampered, "forged-signature")).status).toBe(401);

    down = true;
    expect((await send(store.id, fixture("capture-completed.json"))).status).toBe(503);
    expect(await db().order.count({ where: { source: store.name } })).toBe(0);
  });

  it("cannot be registered without its credentials, and wrong credentials verify nothing", async () => {
    const missing = await errorOf(
      createStore(CLI_ACTOR, { provider: "paypal", name: `paypal-nokey-${Date.now()}`, secret: WEBHOOK_ID }, meta()),
    );
    expect(missing.fieldErrors?.apiKey).toBeDefined();
    const wrong = await givenStore("paypal", { secret: WEBHOOK_ID, apiKey: `${CLIENT}:wrong-secret`, apiBase: base });
    expect((await send(wrong.id, fixture("capture-completed.json"))).status).toBe(503);
    expect(await db().storeEvent.count({ where: { storeId: wrong.id } })).toBe(0);
  });
});
