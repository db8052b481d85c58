import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { lemonSqueezyConnector as lemon } from "@/lib/stores/providers/lemonsqueezy";
import { MalformedDeliveryError, type TStoreEvent } from "@/lib/stores/types";
import { delivery, fixture, fixtureJson, store, verifyWith } from "../helpers/store-connector";

// No SDK oracle: signatures are made as Lemon Squeezy documents them, hex HMAC-SHA256 of the raw
// body with the webhook's signing secret.
const SECRET = "lemon-signing-secret-unit";
const OLD_SECRET = "lemon-signing-secret-before-rotation";
const STORE = store("lemonsqueezy", [SECRET, OLD_SECRET]);

function sign(body: Buffer | string, secret = SECRET): string {
  return createHmac("sha256", secret).update(body).digest("hex");
}

function parseOne(body: Buffer | string, headers: Record<string, string> = {}): TStoreEvent {
  const events = lemon.parse(delivery(body, headers));
  expect(events).toHaveLength(1);
  return events[0]!;
}

function withAttributes(name: string, patch: Record<string, unknown>, meta: Record<string, unknown> = {}): string {
  const json = fixtureJson("lemonsqueezy", name) as { meta: object; data: { attributes: object } };
  return JSON.stringify({
    ...json,
    meta: { ...json.meta, ...meta },
    data: { ...json.data, attributes: { ...json.data.attributes, ...patch } },
  });
}

describe("lemonsqueezy connector: verify", () => {
  const body = fixture("lemonsqueezy", "order-created.json");

  it("accepts the documented signature with the current or the previous secret, any hex case", async () => {
    for (const signature of [sign(body), sign(body, OLD_SECRET), sign(body).toUpperCase()]) {
      const d = delivery(body, { "X-Signature": signature, "X-Event-Name": "order_created" });
      expect(await verifyWith(lemon, d, STORE)).toEqual({ ok: true });
    }
  });

  it("refuses a tampered body, another secret, a missing or truncated signature", async () => {
    const tampered = Buffer.from(body.toString("utf8").replace("10780", "1"));
    expect(await verifyWith(lemon, delivery(tampered, { "X-Signature": sign(body) }), STORE)).toEqual({
      ok: false,
      reason: "bad_signature",
    });
    expect(await verifyWith(lemon, delivery(body, { "X-Signature": sign(body, "other") }), STORE)).toMatchObject({
      reason: "bad_signature",
    });
    expect(await verifyWith(lemon, delivery(body, { "X-Signature": sign(body).slice(0, 32) }), STORE)).toMatchObject({
      reason: "bad_signature",
    });
    expect(await verifyWith(lemon, delivery(body, {}), STORE)).toMatchObject({ reason: "missing_signature" });
  });
});

describe("lemonsqueezy connector: parse", () => {
  it("maps a paid order_created to an order keyed by the order id, in whole yen", () => {
    const event = parseOne(fixture("lemonsqueezy", "order-created.json"));
    expect(event).toMatchObject({ id: "order_created:4827561", type: "order_created" });
    expect(event.changes).toEqual([
      {
        kind: "order_paid",
        externalId: "4827561",
        number: "52817001",
        placedAt: new Date("2026-11-30T12:00:02.000Z"),
        currency: "JPY",
        customer: { ref: "3904512", email: "kenji@example.jp", name: "Kenji Watanabe" },
        lines: [
          {
            ref: "4713389",
            sku: "417832",
            name: "Keydesk Pro – Team (5 seats)",
            quantity: 1,
            unitAmount: 10780,
            licenseKeys: [],
          },
        ],
        total: 10780,
      },
    ]);
    const pending = parseOne(withAttributes("order-created.json", { status: "pending" }));
    expect(pending).toMatchObject({ changes: [], ignoredBecause: 'Order status "pending", not paid' });
  });

  it("maps order_refunded to the running refunded total, one key per refunded amount", () => {
    const partial = parseOne(fixture("lemonsqueezy", "order-refunded.json"));
    expect(partial.id).toBe("order_refunded:4827561:5000");
    expect(partial.changes).toEqual([{ kind: "refund", externalId: "4827561", full: false, refundedTotal: 5000 }]);
    const full = parseOne(withAttributes("order-refunded.json", { status: "refunded", refunded_amount: 10780 }));
    expect(full.id).toBe("order_refunded:4827561:10780");
    expect(full.changes).toEqual([{ kind: "refund", externalId: "4827561", full: true, refundedTotal: 10780 }]);
  });

  it("maps license_key_created/updated to the key on the order item, and ignores a disabled key", () => {
    const created = parseOne(fixture("lemonsqueezy", "license-key-created.json"));
    expect(created).toMatchObject({ id: "license_key_created:2290417" });
    expect(created.changes).toEqual([
      { kind: "license_key", externalId: "4827561", lineRef: "4713389", key: "80E15DB5-C796-436B-850C-8F9C98A48ABE" },
    ]);
    const updated = parseOne(
      withAttributes(
        "license-key-created.json",
        { status: "active", updated_at: "2026-12-01T00:00:00.000000Z" },
        { event_name: "license_key_updated" },
      ),
    );
    expect(updated.id).toBe("license_key_updated:2290417:2026-12-01T00:00:00.000000Z");
    expect(updated.changes).toHaveLength(1);
    const disabled = parseOne(
      withAttributes(
        "license-key-created.json",
        { disabled: true, status: "disabled" },
        { event_name: "license_key_updated" },
      ),
    );
    expect(disabled).toMatchObject({ changes: [], ignoredBecause: "The licence key is disabled in Lemon Squeezy" });
  });

  it("maps a renewal's subscription_payment_success to an order of its own, and ignores the first payment", () => {
    const renewal = parseOne(fixture("lemonsqueezy", "subscription-payment-success.json"));
    expect(renewal.id).toBe("subscription_payment_success:9912473");
    expect(renewal.changes).toEqual([
      {
        kind: "order_paid",
        externalId: "invoice-9912473",
        number: "invoice-9912473",
        placedAt: new Date("2026-12-30T12:00:09.000Z"),
        currency: "EUR",
        customer: { ref: "3904512", email: "lena.fischer@example.de", name: "Lena Fischer" },
        lines: [],
        total: 1903,
      },
    ]);
    const initial = parseOne(withAttributes("subscription-payment-success.json", { billing_reason: "initial" }));
    expect(initial.changes).toEqual([]);
    expect(initial.ignoredBecause).toMatch(/order_created/);
  });

  it("ignores other events with a reason, and reads the event name from the header when meta has none", () => {
    const other = parseOne(withAttributes("order-created.json", {}, { event_name: "subscription_updated" }));
    expect(other.changes).toEqual([]);
    expect(other.ignoredBecause).toContain("subscription_updated");
    const json = fixtureJson("lemonsqueezy", "order-created.json");
    const noMeta = JSON.stringify({ ...json, meta: {} });
    expect(parseOne(noMeta, { "X-Event-Name": "order_created" }).id).toBe("order_created:4827561");
    expect(() => lemon.parse(delivery(noMeta, {}))).toThrow(/event/);
  });

  it("throws MalformedDeliveryError for non-JSON or incomplete bodies", () => {
    expect(() => lemon.parse(delivery("order_created", {}))).toThrow(MalformedDeliveryError);
    expect(() => lemon.parse(delivery(JSON.stringify({ meta: { event_name: "order_created" } }), {}))).toThrow(/data/);
    expect(() => lemon.parse(delivery(withAttributes("order-created.json", { total: "10780" }), {}))).toThrow(/total/);
  });
});
