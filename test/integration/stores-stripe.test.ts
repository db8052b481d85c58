// Stripe deliveries through the real webhook route: signed with Stripe's own SDK, recorded and
// applied through the order intake, found by the buyer; redeliveries, races, bad signatures,
// rotation and Stripe's line-item API (a local stand-in) included.
import http from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { listBuyerOrders } from "@/lib/orders/list-buyer-orders";
import { rotateStoreSecret } from "@/lib/stores/rotate-store-secret";
import { setStoreDisabled } from "@/lib/stores/set-store-disabled";
import { givenAgent, meta, signedIn } from "@/test/helpers/actors";
import { deliver, givenStore, outcomesOf } from "@/test/helpers/stores";

const SECRET = "whsec_integration_stripe_0123456789";
const sdk = new Stripe("sk_test_integration_only");
let n = 0;

function sign(payload: string, secret = SECRET, timestamp = Math.floor(Date.now() / 1000)) {
  return {
    "content-type": "application/json",
    "stripe-signature": sdk.webhooks.generateTestHeaderString({ payload, secret, timestamp }),
  };
}

function checkoutCompleted(email: string, overrides: { eventId?: string; pi?: string; total?: number } = {}) {
  n += 1;
  const pi = overrides.pi ?? `pi_int_${Date.now()}_${n}`;
  return {
    pi,
    body: JSON.stringify({
      id: overrides.eventId ?? `evt_int_${Date.now()}_${n}`,
      object: "event",
      api_version: "2026-10-28.endive",
      created: Math.floor(Date.now() / 1000),
      livemode: false,
      type: "checkout.session.completed",
      data: {
        object: {
          id: `cs_test_${n}_${Date.now()}`,
          object: "checkout.session",
          amount_subtotal: 4900,
          amount_total: overrides.total ?? 5831,
          currency: "eur",
          created: Math.floor(Date.now() / 1000) - 60,
          customer: `cus_${n}`,
          customer_details: { address: null, email, name: "Anna Schmidt", phone: null },
          customer_email: null,
          mode: "payment",
          payment_intent: pi,
          payment_status: "paid",
          status: "complete",
        },
      },
    }),
  };
}

function chargeRefunded(pi: string, refunded: number, full: boolean, previous = 0) {
  n += 1;
  return JSON.stringify({
    id: `evt_refund_${Date.now()}_${n}`,
    object: "event",
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    type: "charge.refunded",
    data: {
      object: {
        id: `ch_${n}`,
        object: "charge",
        amount: 5831,
        amount_refunded: refunded,
        currency: "eur",
        payment_intent: pi,
        refunded: full,
        status: "succeeded",
      },
      previous_attributes: { amount_refunded: previous },
    },
  });
}

/** The store's order for a PaymentIntent, with its items. */
const orderOf = (source: string, externalId: string) =>
  db().order.findUniqueOrThrow({ where: { source_externalId: { source, externalId } }, include: { items: true } });

const eventsOf = (storeId: string) => db().storeEvent.findMany({ where: { storeId }, orderBy: { receivedAt: "asc" } });

describe("Stripe store webhook", () => {
  it("turns a paid checkout into an order the buyer finds; a redelivery changes nothing", async () => {
    const store = await givenStore("stripe", { secret: SECRET });
    const email = `stripe-buyer-${Date.now()}@example.com`;
    const { pi, body } = checkoutCompleted(email);
    const first = await deliver(store.id, body, sign(body));
    expect(first.status).toBe(200);
    expect(await outcomesOf(first)).toEqual(["applied"]);

    const buyer = await signedIn(email);
    const orders = await listBuyerOrders(buyer);
    expect(orders).toHaveLength(1);
    const order = await db().order.findUniqueOrThrow({
      where: { source_externalId: { source: store.name, externalId: pi } },
      include: { items: true },
    });
    expect([order.totalAmount, order.currency, order.items.length]).toEqual([5831, "EUR", 1]);

    const audits = await db().auditEvent.count({ where: { targetId: order.id } });
    const again = await deliver(store.id, body, sign(body));
    expect(again.status).toBe(200);
    expect(await outcomesOf(again)).toEqual(["duplicate"]);
    expect(await db().order.count({ where: { source: store.name } })).toBe(1);
    expect(await db().auditEvent.count({ where: { targetId: order.id } })).toBe(audits);
    const [event] = await eventsOf(store.id);
    expect([event?.outcome, event?.deliveries, event?.orderId]).toEqual(["applied", 2, order.id]);
  });

  it("ten concurrent deliveries of one event make one order and one event", async () => {
    const store = await givenStore("stripe", { secret: SECRET });
    const { body } = checkoutCompleted(`race-${Date.now()}@example.com`);
    const responses = await Promise.all(Array.from({ length: 10 }, () => deliver(store.id, body, sign(body))));
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(200));
    const outcomes = (await Promise.all(responses.map(outcomesOf))).flat().sort();
    expect(outcomes.filter((o) => o === "applied")).toHaveLength(1);
    expect(await db().order.count({ where: { source: store.name } })).toBe(1);
    const events = await eventsOf(store.id);
    expect(events).toHaveLength(1);
    expect(events[0]?.deliveries).toBe(10);
  });

  it("refuses bad, stale and missing signatures with 401, storing nothing but the counter", async () => {
    const store = await givenStore("stripe", { secret: SECRET });
    const { body } = checkoutCompleted(`unsigned-${Date.now()}@example.com`);
    const stale = sign(body, SECRET, Math.floor(Date.now() / 1000) - 600);
    const wrong = sign(body, "whsec_someone_else_entirely");
    const tampered = { ...sign(body), "stripe-signature": sign(body.replace("5831", "1"))["stripe-signature"] };
    for (const headers of [stale, wrong, tampered, { "content-type": "application/json" }]) {
      expect((await deliver(store.id, body, headers)).status).toBe(401);
    }
    expect(await db().storeEvent.count({ where: { storeId: store.id } })).toBe(0);
    expect(await db().order.count({ where: { source: store.name } })).toBe(0);
    const counted = await db().store.findUniqueOrThrow({ where: { id: store.id } });
    expect(counted.badSignatureCount).toBe(4);
    expect(counted.lastBadSignatureAt).not.toBeNull();
  });

  it("answers 404 for an unknown or disabled store", async () => {
    const { body } = checkoutCompleted(`nobody-${Date.now()}@example.com`);
    expect((await deliver("no-such-store", body, sign(body))).status).toBe(404);
    const store = await givenStore("stripe", { secret: SECRET });
    const admin = await givenAgent("admin");
    await setStoreDisabled(admin, { storeId: store.id, disabled: "true" }, meta());
    expect((await deliver(store.id, body, sign(body))).status).toBe(404);
    expect(await db().storeEvent.count({ where: { storeId: store.id } })).toBe(0);
    await setStoreDisabled(admin, { storeId: store.id, disabled: "false" }, meta());
    expect((await deliver(store.id, body, sign(body))).status).toBe(200);
  });

  it("refuses a delivery above 1 MB with 413, storing nothing", async () => {
    const store = await givenStore("stripe", { secret: SECRET });
    const body = JSON.stringify({ id: "evt_huge", padding: "x".repeat(1_100_000) });
    expect((await deliver(store.id, body, sign(body))).status).toBe(413);
    expect(await db().storeEvent.count({ where: { storeId: store.id } })).toBe(0);
  });

  it("records a signed but malformed delivery as failed with its reason, and answers 200", async () => {
    const store = await givenStore("stripe", { secret: SECRET });
    for (const body of [
      "{not json",
      JSON.stringify({
        id: "evt_bad_1",
        object: "event",
        type: "checkout.session.completed",
        data: { object: { id: 5 } },
      }),
    ]) {
      const response = await deliver(store.id, body, sign(body));
      expect(response.status).toBe(200);
      expect(await outcomesOf(response)).toEqual(["failed"]);
    }
    const events = await eventsOf(store.id);
    expect(events.map((e) => e.outcome)).toEqual(["failed", "failed"]);
    expect(events.every((e) => (e.reason ?? "").length > 5 && e.payloadEnc !== null)).toBe(true);
    expect(await db().order.count({ where: { source: store.name } })).toBe(0);
  });

  it("accepts the previous secret for 24 hours after a rotation, and refuses it afterwards", async () => {
    const store = await givenStore("stripe", { secret: SECRET });
    const admin = await givenAgent("admin");
    await rotateStoreSecret(admin, { storeId: store.id, secret: "whsec_rotated_new_secret_987" }, meta());
    const old = checkoutCompleted(`rotate-${Date.now()}@example.com`);
    expect((await deliver(store.id, old.body, sign(old.body))).status).toBe(200);
    const fresh = checkoutCompleted(`rotate2-${Date.now()}@example.com`);
    expect((await deliver(store.id, fresh.body, sign(fresh.body, "whsec_rotated_new_secret_987"))).status).toBe(200);

    // 24 hours later (the grace period's end, moved instead of the clock).
    await db().store.update({ where: { id: store.id }, data: { previousSecretUntil: new Date(Date.now() - 1000) } });
    const late = checkoutCompleted(`rotate3-${Date.now()}@example.com`);
    expect((await deliver(store.id, late.body, sign(late.body))).status).toBe(401);
    expect(await db().order.count({ where: { source: store.name } })).toBe(2);
  });

  it("marks a partial refund by amount without revoking, a full refund takes the whole order back", async () => {
    const store = await givenStore("stripe", { secret: SECRET });
    const { pi, body } = checkoutCompleted(`refund-${Date.now()}@example.com`);
    await deliver(store.id, body, sign(body));
    const partial = chargeRefunded(pi, 1000, false);
    expect(await outcomesOf(await deliver(store.id, partial, sign(partial)))).toEqual(["applied"]);
    const order = () => orderOf(store.name, pi);
    expect((await order()).status).toBe("partially_refunded");
    expect((await order()).items.map((i) => i.status)).toEqual(["paid"]);
    const full = chargeRefunded(pi, 5831, true, 1000);
    expect(await outcomesOf(await deliver(store.id, full, sign(full)))).toEqual(["applied"]);
    expect((await order()).status).toBe("refunded");
    expect((await order()).items.map((i) => i.status)).toEqual(["refunded"]);
  });

  it("turns charge.dispute.created into a chargeback of the whole order, once", async () => {
    const store = await givenStore("stripe", { secret: SECRET });
    const { pi, body } = checkoutCompleted(`dispute-${Date.now()}@example.com`);
    await deliver(store.id, body, sign(body));
    const dispute = JSON.stringify({
      id: `evt_dispute_${Date.now()}`,
      object: "event",
      api_version: "2026-10-28.endive",
      created: Math.floor(Date.now() / 1000),
      livemode: false,
      type: "charge.dispute.created",
      data: {
        object: {
          id: `dp_${Date.now()}`,
          object: "dispute",
          amount: 5831,
          charge: `ch_dispute_${Date.now()}`,
          currency: "eur",
          payment_intent: pi,
          reason: "fraudulent",
          status: "needs_response",
        },
      },
    });
    expect(await outcomesOf(await deliver(store.id, dispute, sign(dispute)))).toEqual(["applied"]);
    const order = () => orderOf(store.name, pi);
    expect((await order()).status).toBe("chargeback");
    expect((await order()).items.map((i) => i.status)).toEqual(["refunded"]);
    // Stripe retries until it gets a 2xx: the same event again is a duplicate with no second effect.
    const before = await db().auditEvent.count({ where: { targetId: (await order()).id } });
    expect(await outcomesOf(await deliver(store.id, dispute, sign(dispute)))).toEqual(["duplicate"]);
    expect(await db().auditEvent.count({ where: { targetId: (await order()).id } })).toBe(before);
  });

  it("keeps a refund that arrives before its order waiting, and applies it when the order comes", async () => {
    const store = await givenStore("stripe", { secret: SECRET });
    const { pi, body } = checkoutCompleted(`early-refund-${Date.now()}@example.com`);
    const refund = chargeRefunded(pi, 5831, true);
    expect(await outcomesOf(await deliver(store.id, refund, sign(refund)))).toEqual(["waiting"]);
    expect((await eventsOf(store.id))[0]?.waitingFor).toBe(`order:${pi}`);
    expect(await outcomesOf(await deliver(store.id, body, sign(body)))).toEqual(["applied"]);
    const events = await eventsOf(store.id);
    expect(events.map((e) => e.outcome)).toEqual(["applied", "applied"]);
    const order = await db().order.findUniqueOrThrow({
      where: { source_externalId: { source: store.name, externalId: pi } },
    });
    expect(order.status).toBe("refunded");
  });

  describe("line items from Stripe's API (local stand-in)", () => {
    let server: http.Server;
    let base = "";
    let failing = false;
    const seen: { url: string; auth: string }[] = [];

    beforeAll(async () => {
      server = http.createServer((req, res) => {
        seen.push({ url: req.url ?? "", auth: req.headers.authorization ?? "" });
        if (failing) {
          res.writeHead(500).end("{}");
          return;
        }
        res.writeHead(200, { "content-type": "application/json" }).end(
          JSON.stringify({
            object: "list",
            has_more: false,
            data: [
              {
                id: "li_1",
                object: "item",
                amount_total: 4900,
                currency: "eur",
                description: "Keydesk Pro licence",
                price: { id: "price_1", lookup_key: "KD-PRO", product: "prod_1", unit_amount: 4900 },
                quantity: 1,
              },
              {
                id: "li_2",
                object: "item",
                amount_total: 1862,
                currency: "eur",
                description: "Keydesk add-on",
                price: { id: "price_2", lookup_key: "KD-ADDON", product: "prod_2", unit_amount: 931 },
                quantity: 2,
              },
            ],
          }),
        );
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it("fetches the lines with the store's key; an API failure answers 503 and the redelivery completes it", async () => {
      const store = await givenStore("stripe", { secret: SECRET, apiKey: "sk_test_standin_key", apiBase: base });
      const { pi, body } = checkoutCompleted(`lines-${Date.now()}@example.com`, { total: 6762 });
      failing = true;
      const refused = await deliver(store.id, body, sign(body));
      expect(refused.status).toBe(503);
      expect((await eventsOf(store.id))[0]?.outcome).toBe("failed");
      expect(await db().order.count({ where: { source: store.name } })).toBe(0);

      failing = false;
      const accepted = await deliver(store.id, body, sign(body));
      expect(accepted.status).toBe(200);
      const order = await db().order.findUniqueOrThrow({
        where: { source_externalId: { source: store.name, externalId: pi } },
        include: { items: { orderBy: { position: "asc" } } },
      });
      expect(order.items.map((i) => [i.sku, i.quantity, i.unitAmount])).toEqual([
        ["KD-PRO", 1, 4900],
        ["KD-ADDON", 2, 931],
      ]);
      expect(seen.at(-1)?.auth).toBe("Bearer sk_test_standin_key");
      expect(seen.at(-1)?.url).toMatch(/^\/v1\/checkout\/sessions\/cs_test_.*\/line_items/);
    });
  });
});
