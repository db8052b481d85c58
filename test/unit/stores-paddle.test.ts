import { createHmac } from "node:crypto";
import { Environment, Paddle } from "@paddle/paddle-node-sdk";
import { describe, expect, it } from "vitest";
import { paddleConnector as paddle } from "@/lib/stores/providers/paddle";
import { MalformedDeliveryError, type TStoreEvent } from "@/lib/stores/types";
import { delivery, fixture, fixtureJson, store, verifyWith } from "../helpers/store-connector";

const SECRET = "pdl_ntfset_01jfz8secret_unit_tests_only";
const OLD_SECRET = "pdl_ntfset_01jfz8secret_previous_one";
const STORE = store("paddle", [SECRET, OLD_SECRET]);
// As vendors use it: `paddle.webhooks` (constructing Paddle installs the SDK's Node crypto).
const sdk = new Paddle("pdl_sdbx_apikey_unit_tests_only", { environment: Environment.sandbox }).webhooks;

/** The h1 of Paddle's documented scheme: hex HMAC-SHA256(secret, "<ts>:<raw body>"). */
function h1(body: string, ts: number, secret = SECRET): string {
  return createHmac("sha256", secret).update(`${ts}:${body}`).digest("hex");
}

const now = () => Math.floor(Date.now() / 1000);

function parseOne(body: Buffer | string): TStoreEvent {
  const events = paddle.parse(delivery(body, {}));
  expect(events).toHaveLength(1);
  return events[0]!;
}

describe("paddle connector: verify", () => {
  const body = fixture("paddle", "transaction-completed.json").toString("utf8");

  it("accepts what Paddle's SDK accepts (signed now), with the current or the previous secret", async () => {
    for (const secret of [SECRET, OLD_SECRET]) {
      const ts = now();
      const header = `ts=${ts};h1=${h1(body, ts, secret)}`;
      expect(await sdk.isSignatureValid(body, secret, header)).toBe(true);
      expect(await sdk.unmarshal(body, secret, header)).toMatchObject({ eventId: "evt_01jfz8x2k3m4n5p6q7r8s9t0v1" });
      expect(await verifyWith(paddle, delivery(body, { "Paddle-Signature": header }), STORE)).toEqual({ ok: true });
    }
  });

  it("accepts a rotation header with several h1, whichever one matches", async () => {
    const ts = now();
    const other = h1(body, ts, "pdl_ntfset_someone_else");
    for (const header of [`ts=${ts};h1=${other};h1=${h1(body, ts)}`, `ts=${ts};h1=${h1(body, ts)};h1=${other}`]) {
      expect(await verifyWith(paddle, delivery(body, { "paddle-signature": header }), STORE)).toEqual({ ok: true });
    }
    // Paddle's SDK reads the last h1 only: it agrees when the matching one comes last.
    expect(await sdk.isSignatureValid(body, SECRET, `ts=${ts};h1=${other};h1=${h1(body, ts)}`)).toBe(true);
  });

  it("refuses a tampered body, a wrong secret and a missing or garbled header, as the SDK does", async () => {
    const ts = now();
    const header = `ts=${ts};h1=${h1(body, ts)}`;
    const tampered = body.replace('"12453"', '"1"');
    expect(await sdk.isSignatureValid(tampered, SECRET, header)).toBe(false);
    expect(await verifyWith(paddle, delivery(tampered, { "Paddle-Signature": header }), STORE)).toEqual({
      ok: false,
      reason: "bad_signature",
    });
    const stranger = `ts=${ts};h1=${h1(body, ts, "pdl_other")}`;
    expect(await verifyWith(paddle, delivery(body, { "Paddle-Signature": stranger }), STORE)).toMatchObject({
      reason: "bad_signature",
    });
    expect(await verifyWith(paddle, delivery(body, {}), STORE)).toMatchObject({ reason: "missing_signature" });
    for (const garbled of [
      `h1=${h1(body, ts)}`,
      `ts=${ts}`,
      `ts=soon;h1=${h1(body, ts)}`,
      `ts=${ts},h1=${h1(body, ts)}`,
    ]) {
      const result = await verifyWith(paddle, delivery(body, { "Paddle-Signature": garbled }), STORE);
      expect(result.ok, garbled).toBe(false);
    }
  });

  it("refuses a timestamp more than 5 seconds away, as the SDK does", async () => {
    const stale = now() - 30;
    const header = `ts=${stale};h1=${h1(body, stale)}`;
    expect(await sdk.isSignatureValid(body, SECRET, header)).toBe(false);
    expect(await verifyWith(paddle, delivery(body, { "Paddle-Signature": header }), STORE)).toEqual({
      ok: false,
      reason: "stale_timestamp",
    });
    const received = new Date();
    const ts = Math.floor(received.getTime() / 1000);
    const at = (seconds: number) => `ts=${ts + seconds};h1=${h1(body, ts + seconds)}`;
    expect(await verifyWith(paddle, delivery(body, { "Paddle-Signature": at(-5) }, received), STORE)).toEqual({
      ok: true,
    });
    expect(await verifyWith(paddle, delivery(body, { "Paddle-Signature": at(-6) }, received), STORE)).toMatchObject({
      reason: "stale_timestamp",
    });
    expect(await verifyWith(paddle, delivery(body, { "Paddle-Signature": at(60) }, received), STORE)).toMatchObject({
      reason: "stale_timestamp",
    });
  });
});

describe("paddle connector: parse", () => {
  it("maps transaction.completed to an order keyed by txn id, naming the customer by ctm id only", () => {
    const event = parseOne(fixture("paddle", "transaction-completed.json"));
    expect(event).toMatchObject({ id: "evt_01jfz8x2k3m4n5p6q7r8s9t0v1", type: "transaction.completed" });
    expect(event.changes).toEqual([
      {
        kind: "order_paid",
        externalId: "txn_01jfz8ab12cd34ef56gh78jk90",
        number: "325-10566",
        placedAt: new Date("2026-11-30T10:15:39.004Z"),
        currency: "EUR",
        customer: { ref: "ctm_01jfz8aa9x8w7v6u5t4s3r2q1p" },
        lines: [
          {
            ref: "txnitm_01jfz8ab12cd34ef56gh78lic",
            sku: "pro_01hv0v8yyz4ch4jz7hr1cxyvkh",
            name: "Keydesk Pro",
            quantity: 2,
            unitAmount: 5831,
            licenseKeys: [],
          },
          {
            ref: "txnitm_01jfz8ab12cd34ef56gh78sup",
            sku: "pro_01hv0vsupport0000000000000",
            name: "Priority support",
            quantity: 1,
            unitAmount: 791,
            licenseKeys: [],
          },
        ],
        total: 12453,
      },
    ]);
  });

  it("maps customer.created/updated to the customer's details, completing orders that wait for them", () => {
    const event = parseOne(fixture("paddle", "customer-created.json"));
    expect(event.changes).toEqual([
      {
        kind: "customer_details",
        customer: { ref: "ctm_01jfz8aa9x8w7v6u5t4s3r2q1p", email: "anna.schmidt@example.com", name: "Anna Schmidt" },
      },
    ]);
    const json = fixtureJson("paddle", "customer-created.json");
    const updated = parseOne(
      JSON.stringify({
        ...json,
        event_id: "evt_2",
        event_type: "customer.updated",
        data: { ...(json.data as object), name: null },
      }),
    );
    expect(updated.changes).toEqual([
      {
        kind: "customer_details",
        customer: { ref: "ctm_01jfz8aa9x8w7v6u5t4s3r2q1p", email: "anna.schmidt@example.com" },
      },
    ]);
  });

  it("maps an approved refund adjustment: whole items as lines, partial items as an amount, once per adjustment", () => {
    const event = parseOne(fixture("paddle", "adjustment-refund-approved.json"));
    expect(event.id).toBe("adj_01jg19zz8y7x6w5v4t3s2r1q0p:refund:approved");
    expect(event.changes).toEqual([
      {
        kind: "refund",
        externalId: "txn_01jfz8ab12cd34ef56gh78jk90",
        full: false,
        lines: [{ ref: "txnitm_01jfz8ab12cd34ef56gh78sup" }],
        amount: 1000,
      },
    ]);
    // The same approved refund reported by adjustment.created has the same key: one effect.
    const json = fixtureJson("paddle", "adjustment-refund-approved.json");
    const created = parseOne(JSON.stringify({ ...json, event_id: "evt_other", event_type: "adjustment.created" }));
    expect(created.id).toBe(event.id);

    const data = json.data as Record<string, unknown>;
    const full = parseOne(JSON.stringify({ ...json, data: { ...data, type: "full", items: [] } }));
    expect(full.changes).toEqual([
      { kind: "refund", externalId: "txn_01jfz8ab12cd34ef56gh78jk90", full: true, amount: 1791 },
    ]);
  });

  it("ignores refunds awaiting approval or rejected, and credits, each with a reason", () => {
    const json = fixtureJson("paddle", "adjustment-refund-approved.json");
    const data = json.data as Record<string, unknown>;
    for (const [patch, reason] of [
      [{ status: "pending_approval" }, /pending approval/],
      [{ status: "rejected" }, /rejected/],
      [{ action: "credit" }, /credit adjustment/],
      [{ action: "chargeback_warning" }, /chargeback_warning/],
    ] as const) {
      const event = parseOne(JSON.stringify({ ...json, data: { ...data, ...patch } }));
      expect(event.id).toBe("evt_01jg1a2b3c4d5e6f7g8h9j0k1m");
      expect(event.changes).toEqual([]);
      expect(event.ignoredBecause).toMatch(reason);
    }
  });

  it("maps a chargeback adjustment to a chargeback of the transaction's order", () => {
    const event = parseOne(fixture("paddle", "adjustment-chargeback.json"));
    expect(event.id).toBe("adj_01jg5c00000000000000000cb1:chargeback");
    expect(event.changes).toEqual([{ kind: "chargeback", externalId: "txn_01jfz8ab12cd34ef56gh78jk90" }]);
  });

  it("ignores other event types with a reason and refuses malformed bodies", () => {
    const other = parseOne(
      JSON.stringify({
        event_id: "evt_3",
        event_type: "subscription.created",
        occurred_at: "2026-11-30T10:00:00Z",
        data: {},
      }),
    );
    expect(other.changes).toEqual([]);
    expect(other.ignoredBecause).toContain("subscription.created");
    expect(() => paddle.parse(delivery("{", {}))).toThrow(MalformedDeliveryError);
    expect(() => paddle.parse(delivery(JSON.stringify({ event_type: "transaction.completed" }), {}))).toThrow(
      MalformedDeliveryError,
    );
    const json = fixtureJson("paddle", "transaction-completed.json");
    const data = json.data as Record<string, unknown>;
    expect(() => paddle.parse(delivery(JSON.stringify({ ...json, data: { ...data, details: null } }), {}))).toThrow(
      /details/,
    );
    // Paddle amounts are whole minor units: a decimal is not silently scaled.
    const fractional = JSON.stringify(json).replace('"total":"12453"', '"total":"124.53"');
    expect(() => paddle.parse(delivery(fractional, {}))).toThrow(/minor units/);
  });

  it("reads JPY amounts as whole yen", () => {
    const json = fixtureJson("paddle", "transaction-completed.json");
    const text = JSON.stringify(json).replaceAll('"EUR"', '"JPY"');
    const event = parseOne(text);
    expect(event.changes[0]).toMatchObject({ currency: "JPY", total: 12453 });
  });
});
