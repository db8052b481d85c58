import { describe, expect, it } from "vitest";
import { payPalCredentials } from "@/lib/stores/providers/paypal-api";
import { payPalConnector as paypal } from "@/lib/stores/providers/paypal";
import { MalformedDeliveryError, type TStoreEvent } from "@/lib/stores/types";
import { delivery, fixture, store, verifyWith } from "../helpers/store-connector";

// Verification is PayPal's own API call: its SUCCESS and FAILURE answers are tested against a local
// stand-in in test/integration/stores-paypal.test.ts. Here: what needs no network.

const STORE = store("paypal", ["8PT597110X687430LKGECATA"], "AcL1ent1d-sandbox:EKs3cr3t-sandbox");

function parseOne(name: string): TStoreEvent {
  const events = paypal.parse(delivery(fixture("paypal", name), {}));
  expect(events).toHaveLength(1);
  return events[0]!;
}

describe("paypal connector: credentials and headers", () => {
  it("reads the API key as <client id>:<client secret>", () => {
    expect(payPalCredentials(STORE)).toEqual({ clientId: "AcL1ent1d-sandbox", clientSecret: "EKs3cr3t-sandbox" });
    expect(payPalCredentials({ ...STORE, apiKey: "no-colon" })).toBeNull();
    expect(payPalCredentials({ ...STORE, apiKey: null })).toBeNull();
  });

  it("refuses a delivery without PayPal's transmission headers before calling PayPal", async () => {
    const body = fixture("paypal", "capture-completed.json");
    expect(await verifyWith(paypal, delivery(body, {}), STORE)).toEqual({ ok: false, reason: "missing_signature" });
  });
});

describe("paypal connector: parse", () => {
  it("maps a completed capture to an order keyed by the capture, waiting for the payer of its order", () => {
    const event = parseOne("capture-completed.json");
    expect(event).toMatchObject({ id: "WH-58D329510W468432D-8HN650336L201105X", type: "PAYMENT.CAPTURE.COMPLETED" });
    expect(event.context).toEqual({ orderId: "5O190127TN364715T" });
    expect(event.changes).toEqual([
      {
        kind: "order_paid",
        externalId: "42311647XV020574X",
        number: "KD-2026-0412",
        placedAt: new Date("2026-11-28T16:05:21Z"),
        currency: "USD",
        customer: { ref: "5O190127TN364715T" },
        lines: [],
        total: 6400,
      },
    ]);
  });

  it("CHECKOUT.ORDER.APPROVED brings the payer as the order's customer", () => {
    expect(parseOne("order-approved.json").changes).toEqual([
      {
        kind: "customer_details",
        customer: {
          ref: "5O190127TN364715T",
          email: "priya.raman@example.com",
          name: "Priya Raman",
          address: {
            line1: "2211 N First Street",
            line2: "Building 17",
            city: "San Jose",
            region: "CA",
            postalCode: "95131",
            country: "US",
          },
        },
      },
    ]);
  });

  it("a refund refunds its capture up to PayPal's refunded total; a reversal and a dispute are chargebacks", () => {
    expect(parseOne("capture-refunded.json").changes).toEqual([
      { kind: "refund", externalId: "42311647XV020574X", full: false, refundedTotal: 6400 },
    ]);
    expect(parseOne("capture-reversed.json").changes).toEqual([
      { kind: "chargeback", externalId: "42311647XV020574X" },
    ]);
    expect(parseOne("dispute-created.json").changes).toEqual([{ kind: "chargeback", externalId: "42311647XV020574X" }]);
  });

  it("ignores other event types and refuses a body that is not an event", () => {
    const other = JSON.stringify({ id: "WH-1", event_type: "BILLING.PLAN.CREATED", resource: {} });
    expect(paypal.parse(delivery(other, {}))[0]?.ignoredBecause).toMatch(/BILLING.PLAN.CREATED/);
    expect(() => paypal.parse(delivery("not json", {}))).toThrow(MalformedDeliveryError);
    const bad = JSON.stringify({ id: "WH-2", event_type: "PAYMENT.CAPTURE.COMPLETED", resource: { id: "C" } });
    expect(() => paypal.parse(delivery(bad, {}))).toThrow(/amount/);
  });
});

describe("paypal connector: enrich from the Orders API", () => {
  it("fills the payer and the items of the capture's purchase unit", async () => {
    const event = parseOne("capture-completed.json");
    const order = fixture("paypal", "order.json").toString();
    const seen: string[] = [];
    const realFetch = globalThis.fetch;
    globalThis.fetch = ((input: string | URL) => {
      const url = input.toString();
      seen.push(url);
      if (url.endsWith("/v1/oauth2/token")) {
        return Promise.resolve(Response.json({ access_token: "A21AAtoken", expires_in: 32400 }));
      }
      return Promise.resolve(new Response(order, { status: 200, headers: { "content-type": "application/json" } }));
    }) as typeof fetch;
    try {
      const enriched = await paypal.enrich!(event, { ...STORE, apiBase: "http://paypal.test" }, realFetch);
      expect(seen).toContain("http://paypal.test/v2/checkout/orders/5O190127TN364715T");
      const paid = enriched.changes[0] as Extract<TStoreEvent["changes"][number], { kind: "order_paid" }>;
      expect(paid.customer).toMatchObject({
        ref: "5O190127TN364715T",
        email: "priya.raman@example.com",
        name: "Priya Raman",
      });
      expect(paid.lines.map((l) => [l.sku, l.quantity, l.unitAmount])).toEqual([
        ["KD-PRO", 1, 4900],
        ["KD-SEAT", 3, 500],
      ]);
    } finally {
      globalThis.fetch = realFetch;
    }
  });
});
