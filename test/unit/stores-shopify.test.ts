import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { shopifyConnector as shopify } from "@/lib/stores/providers/shopify";
import { MalformedDeliveryError, type TStoreEvent } from "@/lib/stores/types";
import { delivery, fixture, fixtureJson, store, verifyWith } from "../helpers/store-connector";

// No SDK oracle installed: signatures are made as Shopify documents them, the base64 HMAC-SHA256 of
// the raw body with the app's (or the notification settings') signing secret.
const SECRET = "shpss_unit_signing_secret_0123456789";
const OLD_SECRET = "shpss_unit_signing_secret_before_rotation";
const STORE = store("shopify", [SECRET, OLD_SECRET]);

function sign(body: Buffer | string, secret = SECRET): string {
  return createHmac("sha256", secret).update(body).digest("base64");
}

function parseOne(body: Buffer | string, topic: string): TStoreEvent {
  const events = shopify.parse(delivery(body, { "X-Shopify-Topic": topic, "X-Shopify-Webhook-Id": "b54557e4" }));
  expect(events).toHaveLength(1);
  return events[0]!;
}

function variant(name: string, patch: Record<string, unknown>): string {
  return JSON.stringify({ ...fixtureJson("shopify", name), ...patch });
}

describe("shopify connector: verify", () => {
  const body = fixture("shopify", "orders-paid.json");

  it("accepts the base64 HMAC of the raw body with the current or the previous secret", async () => {
    for (const signature of [sign(body), sign(body, OLD_SECRET)]) {
      const d = delivery(body, { "X-Shopify-Hmac-Sha256": signature, "X-Shopify-Topic": "orders/paid" });
      expect(await verifyWith(shopify, d, STORE)).toEqual({ ok: true });
    }
  });

  it("refuses a tampered body, another secret, a hex signature and a missing header", async () => {
    const tampered = Buffer.from(body.toString("utf8").replace("217.16", "2.16"));
    expect(await verifyWith(shopify, delivery(tampered, { "X-Shopify-Hmac-Sha256": sign(body) }), STORE)).toEqual({
      ok: false,
      reason: "bad_signature",
    });
    expect(
      await verifyWith(shopify, delivery(body, { "X-Shopify-Hmac-Sha256": sign(body, "other") }), STORE),
    ).toMatchObject({ reason: "bad_signature" });
    const hex = createHmac("sha256", SECRET).update(body).digest("hex");
    expect(await verifyWith(shopify, delivery(body, { "X-Shopify-Hmac-Sha256": hex }), STORE)).toMatchObject({
      reason: "bad_signature",
    });
    expect(await verifyWith(shopify, delivery(body, {}), STORE)).toMatchObject({ reason: "missing_signature" });
  });
});

describe("shopify connector: parse", () => {
  it("maps orders/paid to an order numbered as Shopify shows it, lines in cents after discounts with tax", () => {
    const event = parseOne(fixture("shopify", "orders-paid.json"), "orders/paid");
    expect(event).toMatchObject({ id: "orders/paid:5827394719283", type: "orders/paid" });
    expect(event.changes).toEqual([
      {
        kind: "order_paid",
        externalId: "5827394719283",
        number: "#1002",
        placedAt: new Date("2026-11-30T12:02:10.000Z"),
        currency: "EUR",
        customer: {
          ref: "7391028374651",
          email: "sofia.rossi@example.it",
          name: "Sofia Rossi",
          phone: "+39 06 1234 5678",
          address: {
            line1: "Via Roma 12",
            line2: "Scala B",
            city: "Roma",
            region: "RM",
            postalCode: "00184",
            country: "IT",
          },
        },
        lines: [
          {
            ref: "14682039485731",
            sku: "PFS-LIFETIME",
            name: "PixelForge Studio - Lifetime",
            quantity: 1,
            unitAmount: 15738,
            licenseKeys: [],
          },
          {
            ref: "14682039518499",
            sku: "PFS-FX",
            name: "PixelForge FX Pack",
            quantity: 2,
            unitAmount: 2989,
            licenseKeys: [],
          },
        ],
        total: 21716,
      },
    ]);
  });

  it("keeps amounts exact per currency (yen without decimals) and refuses what the currency cannot hold", () => {
    const json = fixtureJson("shopify", "orders-paid.json") as { line_items: Record<string, unknown>[] };
    const yen = JSON.stringify({
      ...json,
      currency: "JPY",
      total_price: "12000",
      line_items: [{ ...json.line_items[1], price: "6000", total_discount: "0", tax_lines: [] }],
    });
    const change = parseOne(yen, "orders/paid").changes[0];
    expect(change).toMatchObject({ currency: "JPY", total: 12000, lines: [{ unitAmount: 6000, quantity: 2 }] });
    expect(() =>
      parseOne(variant("orders-paid.json", { currency: "JPY", total_price: "120.50" }), "orders/paid"),
    ).toThrow(MalformedDeliveryError);
  });

  it("falls back to the order number, the SKU-less variant id and the customer's name", () => {
    const json = fixtureJson("shopify", "orders-paid.json") as { line_items: Record<string, unknown>[] };
    const body = JSON.stringify({
      ...json,
      name: null,
      email: "",
      billing_address: null,
      line_items: [{ ...json.line_items[1], sku: "", name: null }],
    });
    const change = parseOne(body, "orders/paid").changes[0];
    expect(change).toMatchObject({
      number: "#1002",
      customer: { email: "sofia.rossi@example.it", name: "Sofia Rossi" },
      lines: [{ sku: "44810293880329", name: "PixelForge FX Pack" }],
    });
    const included = parseOne(variant("orders-paid.json", { taxes_included: true }), "orders/paid").changes[0];
    expect(included).toMatchObject({ lines: [{ unitAmount: 12900 }, { unitAmount: 2450 }] });
    const pending = parseOne(variant("orders-paid.json", { financial_status: "pending" }), "orders/paid");
    expect(pending).toMatchObject({ changes: [], ignoredBecause: 'Financial status "pending", not paid' });
  });

  it("maps refunds/create to the refunded lines and the money refunded, keyed by the refund", () => {
    const event = parseOne(fixture("shopify", "refunds-create.json"), "refunds/create");
    expect(event.id).toBe("refunds/create:982736451231");
    expect(event.changes).toEqual([
      {
        kind: "refund",
        externalId: "5827394719283",
        full: false,
        lines: [{ ref: "14682039518499", quantity: 2 }],
        amount: 5978,
      },
    ]);
    const byAmount = parseOne(variant("refunds-create.json", { refund_line_items: [] }), "refunds/create");
    expect(byAmount.changes).toEqual([{ kind: "refund", externalId: "5827394719283", full: false, amount: 5978 }]);
    const json = fixtureJson("shopify", "refunds-create.json") as { transactions: Record<string, unknown>[] };
    const failed = parseOne(
      JSON.stringify({
        ...json,
        refund_line_items: [],
        transactions: [{ ...json.transactions[0], status: "failure" }],
      }),
      "refunds/create",
    );
    expect(failed.changes).toEqual([]);
    expect(failed.ignoredBecause).toMatch(/no item and no money/);
  });

  it("maps a chargeback dispute to a chargeback, and ignores an inquiry", () => {
    const event = parseOne(fixture("shopify", "disputes-create.json"), "disputes/create");
    expect(event).toMatchObject({ id: "disputes/create:285730194" });
    expect(event.changes).toEqual([{ kind: "chargeback", externalId: "5827394719283" }]);
    const inquiry = parseOne(variant("disputes-create.json", { type: "inquiry" }), "disputes/create");
    expect(inquiry).toMatchObject({ changes: [], ignoredBecause: 'A dispute of type "inquiry", not a chargeback' });
  });

  it("keys every event by the signed body, not the unsigned webhook id", () => {
    const body = fixture("shopify", "orders-paid.json");
    const first = shopify.parse(delivery(body, { "X-Shopify-Topic": "orders/paid", "X-Shopify-Webhook-Id": "a" }));
    const again = shopify.parse(delivery(body, { "X-Shopify-Topic": "orders/paid", "X-Shopify-Webhook-Id": "b" }));
    expect(first[0]!.id).toBe(again[0]!.id);
  });

  it("ignores other topics, and refuses a delivery without topic or with an unreadable body", () => {
    const other = parseOne(fixture("shopify", "orders-paid.json"), "orders/updated");
    expect(other).toMatchObject({ type: "orders/updated", changes: [] });
    expect(other.ignoredBecause).toContain("orders/updated");
    expect(() => shopify.parse(delivery(fixture("shopify", "orders-paid.json"), {}))).toThrow(/X-Shopify-Topic/);
    expect(() => parseOne("not json", "orders/paid")).toThrow(MalformedDeliveryError);
    expect(() =>
      parseOne(variant("orders-paid.json", { line_items: [{ id: 1, quantity: 0, price: "1" }] }), "orders/paid"),
    ).toThrow(/line_items/);
  });
});
