// Shopify deliveries through the real webhook route: signed as Shopify signs (base64 HMAC-SHA256
// of the raw body), recorded and applied through the order intake, the "#1002" order found and
// opened by the buyer; redeliveries under new webhook ids, races, refunds by line, chargebacks
// and bad signatures included.
import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { getBuyerOrder } from "@/lib/orders/get-buyer-order";
import { listBuyerOrders } from "@/lib/orders/list-buyer-orders";
import { getStoreLog } from "@/lib/stores/get-store-log";
import { getStoresPage } from "@/lib/stores/get-stores-page";
import { givenAgent, signedIn } from "@/test/helpers/actors";
import { deliver, givenStore, outcomesOf } from "@/test/helpers/stores";
import { fixture } from "@/test/helpers/store-connector";

const SECRET = "shpss_integration_signing_secret_42";
const ORDER_ID = "5827394719283";
let webhook = 0;

function headers(topic: string, body: Buffer | string, secret = SECRET): Record<string, string> {
  webhook += 1;
  return {
    "content-type": "application/json",
    "x-shopify-topic": topic,
    "x-shopify-hmac-sha256": createHmac("sha256", secret).update(body).digest("base64"),
    "x-shopify-shop-domain": "pixelforge.myshopify.com",
    "x-shopify-api-version": "2026-10",
    // Shopify keeps it across retries; Keydesk keys by the signed body, so a new one changes nothing.
    "x-shopify-webhook-id": `b54557e4-bdd9-4b37-8a5f-bf7d70bc${String(webhook).padStart(4, "0")}`,
    "x-shopify-triggered-at": new Date().toISOString(),
  };
}

/** The documented order, bought with `email`. */
function orderPaid(email: string): string {
  return fixture("shopify", "orders-paid.json")
    .toString("utf8")
    .replaceAll(/Sofia\.Rossi@example\.it|sofia\.rossi@example\.it/g, email);
}

const send = (storeId: string, topic: string, body: Buffer | string) => deliver(storeId, body, headers(topic, body));
const orderOf = (source: string) =>
  db().order.findUniqueOrThrow({
    where: { source_externalId: { source, externalId: ORDER_ID } },
    include: { items: { orderBy: { position: "asc" } } },
  });

describe("Shopify store webhook", () => {
  it("turns orders/paid into the buyer's order #1002, which opens; a redelivery changes nothing", async () => {
    const store = await givenStore("shopify", { secret: SECRET });
    const email = `shopify-${Date.now()}@example.com`;
    const body = orderPaid(email);
    const first = await send(store.id, "orders/paid", body);
    expect(first.status).toBe(200);
    expect(await outcomesOf(first)).toEqual(["applied"]);

    const order = await orderOf(store.name);
    expect([order.number, order.currency, order.totalAmount]).toEqual(["#1002", "EUR", 21716]);
    expect(order.items.map((i) => [i.sku, i.name, i.quantity, i.unitAmount])).toEqual([
      ["PFS-LIFETIME", "PixelForge Studio - Lifetime", 1, 15738],
      ["PFS-FX", "PixelForge FX Pack", 2, 2989],
    ]);
    const buyer = await signedIn(email);
    expect((await listBuyerOrders(buyer)).map((o) => o.number)).toEqual(["#1002"]);
    for (const typed of ["%231002", "#1002", "1002"]) {
      expect((await getBuyerOrder(buyer, { number: typed })).id).toBe(order.id);
    }

    const audits = await db().auditEvent.count({ where: { targetId: order.id } });
    const again = await send(store.id, "orders/paid", body);
    expect(await outcomesOf(again)).toEqual(["duplicate"]);
    expect(await db().order.count({ where: { source: store.name } })).toBe(1);
    expect(await db().auditEvent.count({ where: { targetId: order.id } })).toBe(audits);
    const events = await db().storeEvent.findMany({ where: { storeId: store.id } });
    expect(events.map((e) => [e.providerEventId, e.outcome, e.deliveries])).toEqual([
      [`orders/paid:${ORDER_ID}`, "applied", 2],
    ]);
  });

  it("ten concurrent deliveries of one order make one order and one event", async () => {
    const store = await givenStore("shopify", { secret: SECRET });
    const body = orderPaid(`shopify-race-${Date.now()}@example.com`);
    const responses = await Promise.all(Array.from({ length: 10 }, () => send(store.id, "orders/paid", body)));
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(200));
    const outcomes = (await Promise.all(responses.map(outcomesOf))).flat();
    expect(outcomes.filter((o) => o === "applied")).toHaveLength(1);
    expect(await db().order.count({ where: { source: store.name } })).toBe(1);
    const events = await db().storeEvent.findMany({ where: { storeId: store.id } });
    expect(events.map((e) => e.deliveries)).toEqual([10]);
  });

  it("refunds the lines a refund names, once; a refund before its order waits for it", async () => {
    const store = await givenStore("shopify", { secret: SECRET });
    const refund = fixture("shopify", "refunds-create.json");
    const early = await send(store.id, "refunds/create", refund);
    expect(await outcomesOf(early)).toEqual(["waiting"]);

    expect((await send(store.id, "orders/paid", orderPaid(`shopify-refund-${Date.now()}@example.com`))).status).toBe(
      200,
    );
    const order = await orderOf(store.name);
    expect(order.status).toBe("partially_refunded");
    expect(order.items.map((i) => [i.sku, i.status])).toEqual([
      ["PFS-LIFETIME", "paid"],
      ["PFS-FX", "refunded"],
    ]);
    const again = await send(store.id, "refunds/create", refund);
    expect(await outcomesOf(again)).toEqual(["duplicate"]);
    expect((await orderOf(store.name)).status).toBe("partially_refunded");
  });

  it("marks a chargeback dispute on the order, and only records an inquiry", async () => {
    const store = await givenStore("shopify", { secret: SECRET });
    await send(store.id, "orders/paid", orderPaid(`shopify-dispute-${Date.now()}@example.com`));
    const inquiry = fixture("shopify", "disputes-create.json")
      .toString("utf8")
      .replace('"chargeback"', '"inquiry"')
      .replace("285730194", "285730195");
    expect(await outcomesOf(await send(store.id, "disputes/create", inquiry))).toEqual(["ignored"]);
    expect((await orderOf(store.name)).status).toBe("paid");
    const dispute = await send(store.id, "disputes/create", fixture("shopify", "disputes-create.json"));
    expect(await outcomesOf(dispute)).toEqual(["applied"]);
    const order = await orderOf(store.name);
    expect(order.status).toBe("chargeback");
    expect(order.items.every((i) => i.status === "refunded")).toBe(true);
  });

  it("refuses a bad, foreign or missing signature with 401, storing nothing but the counter", async () => {
    const store = await givenStore("shopify", { secret: SECRET });
    const body = orderPaid(`shopify-forged-${Date.now()}@example.com`);
    const forged = body.replace('"total_price": "217.16"', '"total_price": "0.01"');
    const attempts: Record<string, string>[] = [
      {
        ...headers("orders/paid", body),
        "x-shopify-hmac-sha256": headers("orders/paid", body, "other")["x-shopify-hmac-sha256"]!,
      },
      {
        ...headers("orders/paid", forged),
        "x-shopify-hmac-sha256": headers("orders/paid", body)["x-shopify-hmac-sha256"]!,
      },
      { "content-type": "application/json", "x-shopify-topic": "orders/paid" },
    ];
    for (const [i, h] of attempts.entries()) {
      expect((await deliver(store.id, i === 1 ? forged : body, h)).status).toBe(401);
    }
    expect(await db().storeEvent.count({ where: { storeId: store.id } })).toBe(0);
    expect(await db().order.count({ where: { source: store.name } })).toBe(0);
    expect((await db().store.findUniqueOrThrow({ where: { id: store.id } })).badSignatureCount).toBe(3);
  });

  it("shows Shopify and WooCommerce on the stores page with their hints, and every delivery's outcome in the log", async () => {
    const admin = await givenAgent("admin");
    const page = await getStoresPage(admin);
    const hints = Object.fromEntries(page.providers.map((p) => [p.id, p.setupHint]));
    expect(hints.shopify).toMatch(/Settings → Notifications → Webhooks.*Order payment.*Refund create.*Dispute create/);
    expect(hints.woocommerce).toMatch(/WooCommerce → Settings → Advanced → Webhooks.*Order created.*Order updated/);

    const store = await givenStore("shopify", { secret: SECRET });
    await send(store.id, "refunds/create", fixture("shopify", "refunds-create.json"));
    await send(store.id, "orders/paid", orderPaid(`shopify-log-${Date.now()}@example.com`));
    await send(store.id, "orders/paid", orderPaid(`shopify-log-${Date.now()}@example.com`));
    await send(store.id, "customers/update", "{}");
    await send(store.id, "orders/paid", "{not json");
    const log = await getStoreLog(admin, store.id);
    const rows = Object.fromEntries(
      log.events.map((e) => [e.type, [e.outcome, e.deliveries, e.order?.number ?? null]]),
    );
    expect(rows).toEqual({
      "refunds/create": ["applied", 1, "#1002"],
      "orders/paid": ["applied", 2, "#1002"],
      "customers/update": ["ignored", 1, null],
      "unreadable delivery": ["failed", 1, null],
    });
  });
});
