import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { wooCommerceConnector as woo } from "@/lib/stores/providers/woocommerce";
import { MalformedDeliveryError, type TStoreEvent } from "@/lib/stores/types";
import { delivery, fixture, fixtureJson, store, verifyWith } from "../helpers/store-connector";

// No SDK oracle: WooCommerce signs as its WC_Webhook::generate_signature does,
// base64(hash_hmac('sha256', $payload, $secret, true)).
const SECRET = "wc-webhook-secret-unit";
const OLD_SECRET = "wc-webhook-secret-before-rotation";
const STORE = store("woocommerce", [SECRET, OLD_SECRET]);
const PING = "webhook_id=17";

function sign(body: Buffer | string, secret = SECRET): string {
  return createHmac("sha256", secret).update(body).digest("base64");
}

function headers(topic: string, body: Buffer | string): Record<string, string> {
  return {
    "X-WC-Webhook-Topic": topic,
    "X-WC-Webhook-Resource": "order",
    "X-WC-Webhook-Event": topic.split(".")[1] ?? "",
    "X-WC-Webhook-Signature": sign(body),
    "X-WC-Webhook-ID": "17",
    "X-WC-Webhook-Delivery-ID": "4b9e1d2c0a7f",
  };
}

function parseOne(body: Buffer | string, topic = "order.updated"): TStoreEvent {
  const events = woo.parse(delivery(body, headers(topic, body)));
  expect(events).toHaveLength(1);
  return events[0]!;
}

function variant(patch: Record<string, unknown>, name = "order-processing.json"): string {
  return JSON.stringify({ ...fixtureJson("woocommerce", name), ...patch });
}

describe("woocommerce connector: verify", () => {
  const body = fixture("woocommerce", "order-processing.json");

  it("accepts the base64 HMAC of the raw body with the current or the previous secret", async () => {
    for (const secret of [SECRET, OLD_SECRET]) {
      const d = delivery(body, { ...headers("order.created", body), "X-WC-Webhook-Signature": sign(body, secret) });
      expect(await verifyWith(woo, d, STORE)).toEqual({ ok: true });
    }
  });

  it("refuses a tampered body, another secret and an unsigned order", async () => {
    const tampered = Buffer.from(body.toString("utf8").replace('"94.80"', '"4.80"'));
    expect(await verifyWith(woo, delivery(tampered, headers("order.created", body)), STORE)).toEqual({
      ok: false,
      reason: "bad_signature",
    });
    const other = { ...headers("order.created", body), "X-WC-Webhook-Signature": sign(body, "other") };
    expect(await verifyWith(woo, delivery(body, other), STORE)).toMatchObject({ reason: "bad_signature" });
    expect(await verifyWith(woo, delivery(body, { "X-WC-Webhook-Topic": "order.created" }), STORE)).toMatchObject({
      reason: "missing_signature",
    });
  });

  it("lets through the unsigned creation ping, which parses to nothing — and only that exact body", async () => {
    const ping = delivery(PING, { "content-type": "application/x-www-form-urlencoded" });
    expect(await verifyWith(woo, ping, STORE)).toEqual({ ok: true });
    expect(woo.parse(ping)).toEqual([]);
    for (const body of ["webhook_id=17&status=processing", "webhook_id=abc", `${PING}\n{"id":1}`]) {
      expect(await verifyWith(woo, delivery(body, {}), STORE)).toMatchObject({ reason: "missing_signature" });
    }
  });
});

describe("woocommerce connector: parse", () => {
  it("maps a processing order to a paid order with its number as the shop writes it", () => {
    const event = parseOne(fixture("woocommerce", "order-processing.json"), "order.created");
    expect(event).toMatchObject({ id: "order:4711:processing:2026-11-30T12:04:31", type: "order.created" });
    expect(event.changes).toEqual([
      {
        kind: "order_paid",
        externalId: "4711",
        number: "WC-2026/0042",
        placedAt: new Date("2026-11-30T12:04:31Z"),
        currency: "GBP",
        customer: {
          ref: "58",
          email: "oliver.bennett@example.co.uk",
          name: "Oliver Bennett",
          phone: "0113 496 0123",
          address: {
            line1: "14 Marlowe Road",
            city: "Leeds",
            region: "West Yorkshire",
            postalCode: "LS6 2QH",
            country: "GB",
          },
        },
        lines: [
          { ref: "312", sku: "CLIP-PRO", name: "ClipSync Pro", quantity: 1, unitAmount: 7080, licenseKeys: [] },
          { ref: "313", sku: "91", name: "ClipSync Mini - 3 devices", quantity: 2, unitAmount: 1200, licenseKeys: [] },
        ],
        total: 9480,
      },
    ]);
  });

  it("maps a completed order with refunds to the order plus the running refunded total", () => {
    const event = parseOne(fixture("woocommerce", "order-partially-refunded.json"));
    expect(event.id).toBe("order:4711:completed:2026-12-01T09:30:02");
    expect(event.changes.map((c) => c.kind)).toEqual(["order_paid", "refund"]);
    expect(event.changes[1]).toEqual({ kind: "refund", externalId: "4711", full: false, refundedTotal: 2400 });
  });

  it("maps a refunded order to a full refund", () => {
    const event = parseOne(fixture("woocommerce", "order-refunded.json"));
    expect(event.id).toBe("order:4711:refunded:2026-12-03T16:45:10");
    expect(event.changes).toEqual([{ kind: "refund", externalId: "4711", full: true, refundedTotal: 9480 }]);
  });

  it("takes refunded lines where the refunds carry them", () => {
    const body = variant(
      {
        refunds: [
          {
            id: 4790,
            total: "-20.00",
            line_items: [{ quantity: -2, meta_data: [{ key: "_refunded_item_id", value: "313" }] }],
          },
        ],
      },
      "order-partially-refunded.json",
    );
    expect(parseOne(body).changes[1]).toEqual({
      kind: "refund",
      externalId: "4711",
      full: false,
      refundedTotal: 2000,
      lines: [{ ref: "313", quantity: 2 }],
    });
  });

  it("ignores orders that are not paid, and topics it does not use", () => {
    for (const status of ["pending", "on-hold", "failed", "cancelled", "checkout-draft"]) {
      const event = parseOne(variant({ status }));
      expect(event.changes).toEqual([]);
      expect(event.ignoredBecause).toContain(status);
    }
    const body = fixture("woocommerce", "order-processing.json");
    const [product] = woo.parse(delivery(body, headers("product.updated", body)));
    expect(product).toMatchObject({ type: "product.updated", changes: [] });
  });

  it("makes a retry of the same order state one event, whatever its delivery id", () => {
    const body = fixture("woocommerce", "order-processing.json");
    const first = woo.parse(delivery(body, { ...headers("order.updated", body), "X-WC-Webhook-Delivery-ID": "aaa" }));
    const retry = woo.parse(delivery(body, { ...headers("order.updated", body), "X-WC-Webhook-Delivery-ID": "bbb" }));
    expect(first[0]!.id).toBe(retry[0]!.id);
  });

  it("refuses a body without topic, not JSON or missing the order's fields", () => {
    const body = fixture("woocommerce", "order-processing.json");
    expect(() => woo.parse(delivery(body, { "X-WC-Webhook-Signature": sign(body) }))).toThrow(/X-WC-Webhook-Topic/);
    expect(() => parseOne("<html>")).toThrow(MalformedDeliveryError);
    expect(() => parseOne(variant({ total: undefined }))).toThrow(/total/);
    expect(() => parseOne(variant({ currency: "POUNDS" }))).toThrow(/currency/i);
  });
});
