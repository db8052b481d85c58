import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { fastSpringConnector as fastspring } from "@/lib/stores/providers/fastspring";
import { MalformedDeliveryError } from "@/lib/stores/types";
import { delivery, fixture, fixtureJson, store, verifyWith } from "../helpers/store-connector";

// No SDK oracle: signatures are made as FastSpring documents them, base64 HMAC-SHA256 of the raw
// body with the webhook's "HMAC SHA256 Secret".
const SECRET = "fastspring-hmac-secret-unit";
const STORE = store("fastspring", [SECRET, "fastspring-hmac-secret-previous"]);

function sign(body: Buffer | string, secret = SECRET): string {
  return createHmac("sha256", secret).update(body).digest("base64");
}

type TEnvelope = { events: { id: string; type: string; data: Record<string, unknown> }[] };

function withData(name: string, patch: Record<string, unknown>): string {
  const json = fixtureJson("fastspring", name) as TEnvelope;
  const [first, ...rest] = json.events;
  return JSON.stringify({ events: [{ ...first, data: { ...first!.data, ...patch } }, ...rest] });
}

describe("fastspring connector: verify", () => {
  const body = fixture("fastspring", "order-completed.json");

  it("accepts the documented X-FS-Signature with the current or the previous secret, header in any case", async () => {
    for (const [name, signature] of [
      ["X-FS-Signature", sign(body)],
      ["x-fs-signature", sign(body, "fastspring-hmac-secret-previous")],
    ] as const) {
      expect(await verifyWith(fastspring, delivery(body, { [name]: signature }), STORE)).toEqual({ ok: true });
    }
  });

  it("refuses a tampered body, another secret, a hex signature and a missing header", async () => {
    const tampered = Buffer.from(body.toString("utf8").replace("54.98", "0.01"));
    expect(await verifyWith(fastspring, delivery(tampered, { "X-FS-Signature": sign(body) }), STORE)).toEqual({
      ok: false,
      reason: "bad_signature",
    });
    expect(await verifyWith(fastspring, delivery(body, { "X-FS-Signature": sign(body, "x") }), STORE)).toMatchObject({
      reason: "bad_signature",
    });
    const hex = createHmac("sha256", SECRET).update(body).digest("hex");
    expect(await verifyWith(fastspring, delivery(body, { "X-FS-Signature": hex }), STORE)).toMatchObject({
      reason: "bad_signature",
    });
    expect(await verifyWith(fastspring, delivery(body, {}), STORE)).toMatchObject({ reason: "missing_signature" });
  });
});

describe("fastspring connector: parse", () => {
  it("splits the envelope into its events and maps order.completed with each item's licence keys", () => {
    const events = fastspring.parse(delivery(fixture("fastspring", "order-completed.json"), {}));
    expect(events.map((e) => [e.id, e.type])).toEqual([
      ["qEXW1vZkTZmFKpW3zsoUxA", "order.completed"],
      ["b7Fq0z3XRNu2zl7Vx9pY1w", "account.created"],
    ]);
    expect(events[0]!.changes).toEqual([
      {
        kind: "order_paid",
        externalId: "nlmrkl2mQr2yKjUjnd1qDw",
        number: "KEY261130-8295-50144",
        placedAt: new Date(1795000120000),
        currency: "USD",
        customer: {
          ref: "uKj7izZnRnqwp1IiCLDRpQ",
          email: "maria.garcia@example.com",
          name: "Maria Garcia",
          phone: "+1 555 0100",
          address: {
            line1: "801 Garden St",
            line2: "Suite 201",
            city: "Santa Barbara",
            region: "CA",
            postalCode: "93101",
            country: "US",
          },
        },
        lines: [
          {
            ref: "keydesk-pro",
            sku: "KD-PRO",
            name: "Keydesk Pro",
            quantity: 2,
            unitAmount: 1999,
            licenseKeys: ["KDPRO-7Q2M-XK4D-91ZF", "KDPRO-3HVB-8YTR-0C6N"],
          },
          {
            ref: "priority-support",
            sku: "priority-support",
            name: "Priority support",
            quantity: 1,
            unitAmount: 1000,
            licenseKeys: [],
          },
        ],
        total: 5498,
      },
    ]);
    expect(events[1]).toMatchObject({ changes: [] });
    expect(events[1]!.ignoredBecause).toContain("account.created");
  });

  it("maps subscription.charge.completed to the rebill's order, three decimals for KWD", () => {
    const [event] = fastspring.parse(delivery(fixture("fastspring", "subscription-charge-completed.json"), {}));
    expect(event!.changes).toEqual([
      {
        kind: "order_paid",
        externalId: "RbzC5pXnQ2-8wVnH1m0rgA",
        number: "KEY261230-4411-20311",
        placedAt: new Date(1797591990000),
        currency: "KWD",
        customer: { ref: "Ld3cHxvyQ2SmSXj1u0tBtg", email: "fatima@example.kw", name: "Fatima Al-Sabah" },
        lines: [
          {
            ref: "keydesk-cloud-monthly",
            sku: "KD-CLOUD-M",
            name: "Keydesk Cloud (monthly)",
            quantity: 1,
            unitAmount: 5125,
            licenseKeys: [],
          },
        ],
        total: 5125,
      },
    ]);
    // Webhook expansion off: the order is an id, the account an id.
    const [bare] = fastspring.parse(
      delivery(
        withData("subscription-charge-completed.json", { order: "RbzC5pXnQ2-8wVnH1m0rgA", account: "Ld3c" }),
        {},
      ),
    );
    expect(bare!.changes).toEqual([
      {
        kind: "order_paid",
        externalId: "RbzC5pXnQ2-8wVnH1m0rgA",
        number: "RbzC5pXnQ2-8wVnH1m0rgA",
        placedAt: new Date(1797591990000),
        currency: "KWD",
        customer: { ref: "Ld3c" },
        lines: [],
        total: 5125,
      },
    ]);
    const [failed] = fastspring.parse(
      delivery(withData("subscription-charge-completed.json", { status: "failed" }), {}),
    );
    expect(failed).toMatchObject({ changes: [], ignoredBecause: 'Charge status "failed", not successful' });
  });

  it("maps return.created to a refund of the named items, or a full refund when it returns the whole total", () => {
    const [partial] = fastspring.parse(delivery(fixture("fastspring", "return-created.json"), {}));
    expect(partial).toMatchObject({ id: "Xy0l7p3HQf6cJq0K2QZcUg", type: "return.created" });
    expect(partial!.changes).toEqual([
      {
        kind: "refund",
        externalId: "nlmrkl2mQr2yKjUjnd1qDw",
        full: false,
        amount: 1000,
        lines: [{ ref: "priority-support", quantity: 1 }],
      },
    ]);
    const [full] = fastspring.parse(delivery(withData("return-created.json", { totalReturn: 54.98 }), {}));
    expect(full!.changes).toEqual([{ kind: "refund", externalId: "nlmrkl2mQr2yKjUjnd1qDw", full: true, amount: 5498 }]);
    const [pending] = fastspring.parse(delivery(withData("return-created.json", { completed: false }), {}));
    expect(pending).toMatchObject({ changes: [], ignoredBecause: "The return is not completed" });
  });

  it("throws MalformedDeliveryError for non-JSON, an empty envelope, a broken event or inexact money", () => {
    expect(() => fastspring.parse(delivery("events=1", {}))).toThrow(MalformedDeliveryError);
    expect(() => fastspring.parse(delivery(JSON.stringify({ events: [] }), {}))).toThrow(/at least one event/);
    expect(() => fastspring.parse(delivery(withData("order-completed.json", { items: "none" }), {}))).toThrow(/items/);
    expect(() =>
      fastspring.parse(delivery(withData("order-completed.json", { currency: "JPY", total: 10.5 }), {})),
    ).toThrow(/more decimals/);
  });
});

describe("fastspring connector: reply", () => {
  it("marks each recorded event processed: 202 with the ids one per line", () => {
    const d = delivery(fixture("fastspring", "order-completed.json"), {});
    const events = fastspring.parse(d);
    expect(fastspring.reply!(events, d, STORE)).toEqual({
      status: 202,
      contentType: "text/plain",
      body: "qEXW1vZkTZmFKpW3zsoUxA\nb7Fq0z3XRNu2zl7Vx9pY1w",
    });
    expect(fastspring.reply!([], d, STORE)).toMatchObject({ status: 200 });
  });
});
