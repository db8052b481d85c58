// WooCommerce deliveries through the real webhook route: signed as WooCommerce signs (base64
// HMAC-SHA256 of the raw body), the order's status deciding what happens; the unsigned ping sent
// when a webhook is saved, retries under new delivery ids, races, partial and full refunds and bad
// signatures included.
import { createHmac, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { getBuyerOrder } from "@/lib/orders/get-buyer-order";
import { signedIn } from "@/test/helpers/actors";
import { deliver, givenStore, outcomesOf } from "@/test/helpers/stores";
import { fixture } from "@/test/helpers/store-connector";

const SECRET = "wc-integration-webhook-secret";

function headers(topic: string, body: string, secret = SECRET): Record<string, string> {
  return {
    "content-type": "application/json",
    "user-agent": "WooCommerce/9.4.2 Hookshot (WordPress/6.7.1)",
    "x-wc-webhook-source": "https://shop.example.co.uk/",
    "x-wc-webhook-topic": topic,
    "x-wc-webhook-resource": "order",
    "x-wc-webhook-event": topic.split(".")[1] ?? "",
    "x-wc-webhook-signature": createHmac("sha256", secret).update(body).digest("base64"),
    "x-wc-webhook-id": "17",
    // A new one for every attempt, as WooCommerce makes it.
    "x-wc-webhook-delivery-id": randomUUID().replaceAll("-", ""),
  };
}

function body(name: string, email: string): string {
  return fixture("woocommerce", name).toString("utf8").replaceAll("oliver.bennett@example.co.uk", email);
}

const send = (storeId: string, topic: string, raw: string) => deliver(storeId, raw, headers(topic, raw));
const orderOf = (source: string) =>
  db().order.findUniqueOrThrow({
    where: { source_externalId: { source, externalId: "4711" } },
    include: { items: { orderBy: { position: "asc" } } },
  });

describe("WooCommerce store webhook", () => {
  it("answers the unsigned creation ping with 200 and records nothing", async () => {
    const store = await givenStore("woocommerce", { secret: SECRET });
    const response = await deliver(store.id, "webhook_id=17", {
      "content-type": "application/x-www-form-urlencoded",
      "user-agent": "WooCommerce/9.4.2 Hookshot (WordPress/6.7.1)",
    });
    expect(response.status).toBe(200);
    expect(await outcomesOf(response)).toEqual([]);
    expect(await db().storeEvent.count({ where: { storeId: store.id } })).toBe(0);
    const row = await db().store.findUniqueOrThrow({ where: { id: store.id } });
    expect(row.badSignatureCount).toBe(0);
    // Anything else unsigned is refused.
    expect((await deliver(store.id, "webhook_id=17&status=completed", {})).status).toBe(401);
  });

  it("turns a processing order into the buyer's order WC-2026/0042; a retry under a new delivery id changes nothing", async () => {
    const store = await givenStore("woocommerce", { secret: SECRET });
    const email = `woo-${Date.now()}@example.com`;
    const created = body("order-processing.json", email);
    expect(await outcomesOf(await send(store.id, "order.created", created))).toEqual(["applied"]);
    const order = await orderOf(store.name);
    expect([order.number, order.currency, order.totalAmount, order.status]).toEqual([
      "WC-2026/0042",
      "GBP",
      9480,
      "paid",
    ]);
    expect(order.items.map((i) => [i.sku, i.quantity, i.unitAmount])).toEqual([
      ["CLIP-PRO", 1, 7080],
      ["91", 2, 1200],
    ]);
    const buyer = await signedIn(email);
    expect((await getBuyerOrder(buyer, { number: encodeURIComponent("WC-2026/0042") })).id).toBe(order.id);
    expect((await getBuyerOrder(buyer, { number: "wc-2026/0042" })).id).toBe(order.id);

    expect(await outcomesOf(await send(store.id, "order.created", created))).toEqual(["duplicate"]);
    // The same state as order.updated (WooCommerce sends both on checkout) is the same event.
    expect(await outcomesOf(await send(store.id, "order.updated", created))).toEqual(["duplicate"]);
    expect(await db().order.count({ where: { source: store.name } })).toBe(1);
    const events = await db().storeEvent.findMany({ where: { storeId: store.id } });
    expect(events.map((e) => [e.outcome, e.deliveries])).toEqual([["applied", 3]]);
  });

  it("ten concurrent deliveries of one order make one order and one event", async () => {
    const store = await givenStore("woocommerce", { secret: SECRET });
    const raw = body("order-processing.json", `woo-race-${Date.now()}@example.com`);
    const responses = await Promise.all(Array.from({ length: 10 }, () => send(store.id, "order.created", raw)));
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(200));
    const outcomes = (await Promise.all(responses.map(outcomesOf))).flat();
    expect(outcomes.filter((o) => o === "applied")).toHaveLength(1);
    expect(await db().order.count({ where: { source: store.name } })).toBe(1);
    expect((await db().storeEvent.findMany({ where: { storeId: store.id } })).map((e) => e.deliveries)).toEqual([10]);
  });

  it("marks a partial refund without revoking, and a refunded order takes everything back — each once", async () => {
    const store = await givenStore("woocommerce", { secret: SECRET });
    const email = `woo-refund-${Date.now()}@example.com`;
    await send(store.id, "order.created", body("order-processing.json", email));
    const partial = body("order-partially-refunded.json", email);
    expect(await outcomesOf(await send(store.id, "order.updated", partial))).toEqual(["applied"]);
    let order = await orderOf(store.name);
    expect(order.status).toBe("partially_refunded");
    expect(order.items.every((i) => i.status === "paid")).toBe(true);
    expect(await outcomesOf(await send(store.id, "order.updated", partial))).toEqual(["duplicate"]);

    const refunded = body("order-refunded.json", email);
    expect(await outcomesOf(await send(store.id, "order.updated", refunded))).toEqual(["applied"]);
    order = await orderOf(store.name);
    expect(order.status).toBe("refunded");
    expect(order.items.every((i) => i.status === "refunded")).toBe(true);
    expect(await outcomesOf(await send(store.id, "order.updated", refunded))).toEqual(["duplicate"]);
    // An older state arriving late does not bring the order back.
    expect(await outcomesOf(await send(store.id, "order.updated", partial))).toEqual(["duplicate"]);
    expect((await orderOf(store.name)).status).toBe("refunded");
  });

  it("a refunded order arriving before the paid one waits for it, then takes it back", async () => {
    const store = await givenStore("woocommerce", { secret: SECRET });
    const email = `woo-late-${Date.now()}@example.com`;
    expect(await outcomesOf(await send(store.id, "order.updated", body("order-refunded.json", email)))).toEqual([
      "waiting",
    ]);
    expect(await outcomesOf(await send(store.id, "order.created", body("order-processing.json", email)))).toEqual([
      "applied",
    ]);
    const order = await orderOf(store.name);
    expect(order.status).toBe("refunded");
    expect(order.items.every((i) => i.status === "refunded")).toBe(true);
    const events = await db().storeEvent.findMany({ where: { storeId: store.id }, orderBy: { receivedAt: "asc" } });
    expect(events.map((e) => e.outcome)).toEqual(["applied", "applied"]);
  });

  it("records unpaid orders as ignored", async () => {
    const store = await givenStore("woocommerce", { secret: SECRET });
    const raw = body("order-processing.json", `woo-pending-${Date.now()}@example.com`).replace(
      '"status": "processing"',
      '"status": "pending"',
    );
    expect(await outcomesOf(await send(store.id, "order.created", raw))).toEqual(["ignored"]);
    expect(await db().order.count({ where: { source: store.name } })).toBe(0);
  });

  it("refuses a bad, foreign or missing signature with 401, storing nothing but the counter", async () => {
    const store = await givenStore("woocommerce", { secret: SECRET });
    const raw = body("order-processing.json", `woo-forged-${Date.now()}@example.com`);
    const forged = raw.replace('"total": "94.80"', '"total": "0.80"');
    expect((await deliver(store.id, raw, headers("order.created", raw, "someone-else"))).status).toBe(401);
    expect((await deliver(store.id, forged, { ...headers("order.created", raw) })).status).toBe(401);
    expect((await deliver(store.id, raw, { "x-wc-webhook-topic": "order.created" })).status).toBe(401);
    expect(await db().storeEvent.count({ where: { storeId: store.id } })).toBe(0);
    expect(await db().order.count({ where: { source: store.name } })).toBe(0);
    expect((await db().store.findUniqueOrThrow({ where: { id: store.id } })).badSignatureCount).toBe(3);
  });
});
