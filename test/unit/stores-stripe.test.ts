import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { stripeConnector as stripe } from "@/lib/stores/providers/stripe";
import { stripeAmount } from "@/lib/stores/providers/stripe-schemas";
import { MalformedDeliveryError, type TStoreEvent } from "@/lib/stores/types";
import { delivery, fixture, fixtureJson, store, verifyWith } from "../helpers/store-connector";

const SECRET = "whsec_unit_stripe_0123456789abcdef";
const OLD_SECRET = "whsec_unit_stripe_previous_secret";
const sdk = new Stripe("sk_test_unit_only");
const STORE = store("stripe", [SECRET, OLD_SECRET]);

function signed(body: Buffer | string, options: { secret?: string; timestamp?: number } = {}) {
  const payload = Buffer.isBuffer(body) ? body.toString("utf8") : body;
  const header = sdk.webhooks.generateTestHeaderString({
    payload,
    secret: options.secret ?? SECRET,
    timestamp: options.timestamp ?? Math.floor(Date.now() / 1000),
  });
  return { payload, header, delivery: delivery(payload, { "Stripe-Signature": header }) };
}

/** What Stripe's own SDK says about a header (true when constructEvent accepts it). */
function sdkAccepts(payload: string, header: string, secret: string): boolean {
  try {
    sdk.webhooks.constructEvent(payload, header, secret, 300);
    return true;
  } catch {
    return false;
  }
}

function parseOne(body: Buffer | string): TStoreEvent {
  const events = stripe.parse(delivery(body, {}));
  expect(events).toHaveLength(1);
  return events[0]!;
}

describe("stripe connector: verify", () => {
  const body = fixture("stripe", "checkout-session-completed.json");

  it("accepts what Stripe's SDK signs and constructEvent accepts, with the current or the previous secret", async () => {
    for (const secret of [SECRET, OLD_SECRET]) {
      const { payload, header, delivery: d } = signed(body, { secret });
      expect(sdkAccepts(payload, header, secret)).toBe(true);
      expect(await verifyWith(stripe, d, STORE)).toEqual({ ok: true });
    }
  });

  it("accepts a header with several v1 signatures when any one matches (Stripe's secret roll)", async () => {
    const { payload, header } = signed(body, { secret: "whsec_someone_else" });
    const good = signed(body).header.split(",v1=")[1];
    const rolled = `${header},v1=${good}`;
    expect(sdkAccepts(payload, rolled, SECRET)).toBe(true);
    expect(await verifyWith(stripe, delivery(payload, { "stripe-signature": rolled }), STORE)).toEqual({ ok: true });
  });

  it("refuses what constructEvent refuses: tampered body, unknown secret, missing or garbled header", async () => {
    const { payload, header } = signed(body);
    const tampered = payload.replace("5831", "1");
    expect(sdkAccepts(tampered, header, SECRET)).toBe(false);
    expect(await verifyWith(stripe, delivery(tampered, { "Stripe-Signature": header }), STORE)).toEqual({
      ok: false,
      reason: "bad_signature",
    });
    const stranger = signed(body, { secret: "whsec_not_this_store" });
    expect(await verifyWith(stripe, stranger.delivery, STORE)).toMatchObject({ ok: false, reason: "bad_signature" });
    expect(await verifyWith(stripe, delivery(payload, {}), STORE)).toMatchObject({
      ok: false,
      reason: "missing_signature",
    });
    for (const garbled of ["t=abc,v1=00", `v1=${"0".repeat(64)}`, "t=1795000000", "nonsense"]) {
      const result = await verifyWith(stripe, delivery(payload, { "Stripe-Signature": garbled }), STORE);
      expect(result.ok, garbled).toBe(false);
    }
    expect(await verifyWith(stripe, signed(body).delivery, store("stripe", []))).toMatchObject({
      ok: false,
      reason: "unverifiable",
    });
  });

  it("refuses a signature older than 5 minutes, as constructEvent does, and one from the far future", async () => {
    const now = Math.floor(Date.now() / 1000);
    const stale = signed(body, { timestamp: now - 301 });
    expect(sdkAccepts(stale.payload, stale.header, SECRET)).toBe(false);
    expect(await verifyWith(stripe, stale.delivery, STORE)).toEqual({ ok: false, reason: "stale_timestamp" });
    expect(await verifyWith(stripe, signed(body, { timestamp: now - 299 }).delivery, STORE)).toEqual({ ok: true });
    expect(await verifyWith(stripe, signed(body, { timestamp: now + 600 }).delivery, STORE)).toMatchObject({
      reason: "stale_timestamp",
    });
  });
});

describe("stripe connector: parse", () => {
  it("maps a paid checkout session to an order keyed by its PaymentIntent, lines left to enrich", () => {
    const event = parseOne(fixture("stripe", "checkout-session-completed.json"));
    expect(event).toMatchObject({ id: "evt_1QAbCdEfGhIjKlMn0001", type: "checkout.session.completed" });
    expect(event.context).toEqual({ checkoutSession: "cs_test_a1B2c3D4e5F6g7H8i9J0" });
    expect(event.changes).toEqual([
      {
        kind: "order_paid",
        externalId: "pi_3QAbCdEfGhIjKlMn0A1B2C3D",
        number: "pi_3QAbCdEfGhIjKlMn0A1B2C3D",
        placedAt: new Date(1794999950 * 1000),
        currency: "EUR",
        customer: {
          ref: "cus_RAbCdEfGh12345",
          email: "anna.schmidt@example.com",
          name: "Anna Schmidt",
          address: { line1: "Torstraße 1", city: "Berlin", postalCode: "10119", country: "DE" },
        },
        lines: [],
        total: 5831,
      },
    ]);
  });

  it("maps async_payment_succeeded like a paid session, and ignores an unpaid one or a subscription checkout", () => {
    const json = fixtureJson("stripe", "checkout-session-completed.json");
    const asyncPaid = parseOne(JSON.stringify({ ...json, type: "checkout.session.async_payment_succeeded" }));
    expect(asyncPaid.changes[0]).toMatchObject({ kind: "order_paid", externalId: "pi_3QAbCdEfGhIjKlMn0A1B2C3D" });

    const session = (json.data as { object: Record<string, unknown> }).object;
    const unpaid = parseOne(JSON.stringify({ ...json, data: { object: { ...session, payment_status: "unpaid" } } }));
    expect(unpaid.changes).toEqual([]);
    expect(unpaid.ignoredBecause).toMatch(/not paid/i);

    const free = { ...session, payment_status: "no_payment_required", payment_intent: null, amount_total: 0 };
    const freeOrder = parseOne(JSON.stringify({ ...json, data: { object: free } }));
    expect(freeOrder.changes[0]).toMatchObject({
      kind: "order_paid",
      externalId: "cs_test_a1B2c3D4e5F6g7H8i9J0",
      total: 0,
    });

    const subscription = { ...session, mode: "subscription", payment_intent: null, invoice: "in_1" };
    const sub = parseOne(JSON.stringify({ ...json, data: { object: subscription } }));
    expect(sub.changes).toEqual([]);
    expect(sub.ignoredBecause).toMatch(/invoice\.paid/);
  });

  it("maps invoice.paid to an order with the invoice's lines and number", () => {
    const event = parseOne(fixture("stripe", "invoice-paid.json"));
    expect(event.changes).toEqual([
      {
        kind: "order_paid",
        externalId: "pi_3QAbCdEfGhIjKlMnSub0007",
        number: "A1B2C3D4-0007",
        placedAt: new Date(1795000090 * 1000),
        currency: "USD",
        customer: {
          ref: "cus_RAbCdEfGh12345",
          email: "bob@example.com",
          name: "Bob Miller",
          address: {
            line1: "1 Main St",
            line2: "Apt 2",
            city: "Portland",
            region: "OR",
            postalCode: "97201",
            country: "US",
          },
        },
        lines: [
          {
            ref: "il_1QAbCdEfGhIjKlMnLine01",
            sku: "pro-monthly",
            name: "1 × Keydesk Pro (at $10.00 / month)",
            quantity: 1,
            unitAmount: 1000,
            licenseKeys: [],
          },
          {
            ref: "il_1QAbCdEfGhIjKlMnLine02",
            sku: "prod_RAbCdSeat",
            name: "2 × Extra seat (at $0.95 / month)",
            quantity: 2,
            unitAmount: 95,
            licenseKeys: [],
          },
        ],
        total: 1190,
      },
    ]);
    // Newer API versions: no payment_intent on the invoice → the invoice id is the key.
    const json = fixtureJson("stripe", "invoice-paid.json");
    const invoice = { ...(json.data as { object: Record<string, unknown> }).object, payment_intent: undefined };
    const newer = parseOne(JSON.stringify({ ...json, data: { object: invoice } }));
    expect(newer.changes[0]).toMatchObject({ externalId: "in_1QAbCdEfGhIjKlMnInv001" });
    expect(newer.context).toEqual({ invoice: "in_1QAbCdEfGhIjKlMnInv001" });
    expect(parseOne(fixture("stripe", "invoice-paid.json")).context).toBeUndefined();
  });

  it("maps charge.refunded to a refund of the PaymentIntent's order: this refund and the running total", () => {
    const event = parseOne(fixture("stripe", "charge-refunded.json"));
    expect(event.changes).toEqual([
      { kind: "refund", externalId: "pi_3QAbCdEfGhIjKlMn0A1B2C3D", full: false, amount: 1500, refundedTotal: 2000 },
    ]);
    const json = fixtureJson("stripe", "charge-refunded.json");
    const charge = {
      ...(json.data as { object: Record<string, unknown> }).object,
      amount_refunded: 5831,
      refunded: true,
    };
    const full = parseOne(JSON.stringify({ ...json, data: { object: charge } }));
    expect(full.changes).toEqual([
      { kind: "refund", externalId: "pi_3QAbCdEfGhIjKlMn0A1B2C3D", full: true, refundedTotal: 5831 },
    ]);
  });

  it("maps charge.dispute.created to a chargeback and ignores other event types with a reason", () => {
    expect(parseOne(fixture("stripe", "charge-dispute-created.json")).changes).toEqual([
      { kind: "chargeback", externalId: "pi_3QAbCdEfGhIjKlMn0A1B2C3D" },
    ]);
    const other = parseOne(
      JSON.stringify({ id: "evt_9", type: "customer.created", created: 1, data: { object: { id: "cus_1" } } }),
    );
    expect(other).toMatchObject({ id: "evt_9", changes: [] });
    expect(other.ignoredBecause).toContain("customer.created");
  });

  it("throws MalformedDeliveryError for a body that is not JSON or misses required fields", () => {
    expect(() => stripe.parse(delivery("not json", {}))).toThrow(MalformedDeliveryError);
    expect(() => stripe.parse(delivery(JSON.stringify({ type: "invoice.paid" }), {}))).toThrow(/expected shape/);
    const json = fixtureJson("stripe", "invoice-paid.json");
    const broken = JSON.stringify({ ...json, data: { object: { id: "in_1", currency: "usd" } } });
    expect(() => stripe.parse(delivery(broken, {}))).toThrow(MalformedDeliveryError);
  });

  it("reads zero-decimal currencies as Stripe sends them, ISK and UGX included", () => {
    expect(stripeAmount(5000, "jpy")).toBe(5000);
    expect(stripeAmount(50000, "isk")).toBe(500);
    expect(stripeAmount(1999, "usd")).toBe(1999);
    expect(stripeAmount(1500, "kwd")).toBe(1500);
  });
});

describe("stripe connector: enrich", () => {
  it("fetches the session's line items with the store's API and fills the lines", async () => {
    const event = parseOne(fixture("stripe", "checkout-session-completed.json"));
    const calls: string[] = [];
    const api = (path: string) => {
      calls.push(path);
      return Promise.resolve(new Response(fixture("stripe", "line-items.json").toString("utf8"), { status: 200 }));
    };
    const enriched = await stripe.enrich!(event, store("stripe", [SECRET], "sk_test_x"), api);
    expect(calls).toEqual(["/v1/checkout/sessions/cs_test_a1B2c3D4e5F6g7H8i9J0/line_items?limit=100"]);
    expect(enriched.changes[0]).toMatchObject({
      lines: [
        {
          ref: "li_1QAbCdEfGhIjKlMn01",
          sku: "KD-PRO",
          name: "Keydesk Pro licence",
          quantity: 1,
          unitAmount: 5831,
          licenseKeys: [],
        },
      ],
      total: 5831,
    });
    const failing = () => Promise.resolve(new Response("{}", { status: 401 }));
    await expect(stripe.enrich!(event, STORE, failing)).rejects.toThrow(/401/);
  });

  it("keys an invoice that no longer names its PaymentIntent by the one Stripe's invoice payments report", async () => {
    const json = fixtureJson("stripe", "invoice-paid.json");
    const invoice = { ...(json.data as { object: Record<string, unknown> }).object, payment_intent: undefined };
    const event = parseOne(JSON.stringify({ ...json, data: { object: invoice } }));
    const calls: string[] = [];
    const answer = (status: number, body: unknown) => (path: string) => {
      calls.push(path);
      return Promise.resolve(new Response(JSON.stringify(body), { status }));
    };
    const payments = {
      object: "list",
      data: [
        {
          id: "inpay_1",
          invoice: "in_1QAbCdEfGhIjKlMnInv001",
          status: "canceled",
          payment: { type: "payment_intent", payment_intent: "pi_old" },
        },
        {
          id: "inpay_2",
          invoice: "in_1QAbCdEfGhIjKlMnInv001",
          status: "paid",
          is_default: true,
          payment: { type: "payment_intent", payment_intent: "pi_3QAbCdPaid" },
        },
      ],
      has_more: false,
    };
    const rekeyed = await stripe.enrich!(event, STORE, answer(200, payments));
    expect(calls).toEqual(["/v1/invoice_payments?invoice=in_1QAbCdEfGhIjKlMnInv001&limit=10"]);
    expect(rekeyed.changes[0]).toMatchObject({ externalId: "pi_3QAbCdPaid", number: "A1B2C3D4-0007" });
    // A host without invoice payments (404) leaves the invoice id as the key; other errors retry.
    expect((await stripe.enrich!(event, STORE, answer(404, {}))).changes[0]).toMatchObject({
      externalId: "in_1QAbCdEfGhIjKlMnInv001",
    });
    await expect(stripe.enrich!(event, STORE, answer(500, {}))).rejects.toThrow(/500/);
    // Events that need nothing from the API make no call.
    calls.length = 0;
    await stripe.enrich!(parseOne(fixture("stripe", "invoice-paid.json")), STORE, answer(200, payments));
    await stripe.enrich!(parseOne(fixture("stripe", "charge-refunded.json")), STORE, answer(200, payments));
    expect(calls).toEqual([]);
  });
});
