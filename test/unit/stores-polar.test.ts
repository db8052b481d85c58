import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { polarConnector as polar } from "@/lib/stores/providers/polar";
import { MalformedDeliveryError, type TStoreEvent } from "@/lib/stores/types";
import { delivery, fixture, fixtureJson, store, verifyWith } from "../helpers/store-connector";

// Two kinds of secret: a Standard Webhooks one (whsec_ + base64 key) and Polar's own raw secret,
// which Polar's SDK base64-encodes before handing it to standardwebhooks.
const STANDARD_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const POLAR_SECRET = "polar_whs_unitTestsOnly0123456789abcdefghijk";
const oracle = {
  standard: new Webhook(STANDARD_SECRET),
  polar: new Webhook(Buffer.from(POLAR_SECRET, "utf8").toString("base64")),
};
const STORE = store("polar", [POLAR_SECRET, STANDARD_SECRET]);
const MSG = "msg_2pUQ0cW1xHiPxKk0jz5Z7hTq1Ab";

function signed(body: string, options: { secret?: keyof typeof oracle; at?: Date; id?: string } = {}) {
  const at = options.at ?? new Date();
  const id = options.id ?? MSG;
  const headers = {
    "webhook-id": id,
    "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
    "webhook-signature": oracle[options.secret ?? "polar"].sign(id, at, body),
  };
  return { headers, delivery: delivery(body, headers) };
}

function oracleAccepts(body: string, headers: Record<string, string>, secret: keyof typeof oracle): boolean {
  try {
    oracle[secret].verify(body, headers);
    return true;
  } catch {
    return false;
  }
}

function parseOne(body: Buffer | string, headers: Record<string, string> = { "webhook-id": MSG }): TStoreEvent {
  const events = polar.parse(delivery(body, headers));
  expect(events).toHaveLength(1);
  return events[0]!;
}

describe("polar connector: verify (Standard Webhooks)", () => {
  const body = fixture("polar", "order-paid.json").toString("utf8");

  it("accepts what standardwebhooks signs, for Polar's raw secrets and whsec_ secrets alike", async () => {
    for (const secret of ["polar", "standard"] as const) {
      const { headers, delivery: d } = signed(body, { secret });
      expect(oracleAccepts(body, headers, secret)).toBe(true);
      expect(await verifyWith(polar, d, STORE)).toEqual({ ok: true });
    }
  });

  it("accepts a space-separated list of signatures when any one matches (secret rotation)", async () => {
    const { headers } = signed(body);
    const stranger = new Webhook("whsec_c29tZW9uZSBlbHNlJ3Mga2V5IDAxMjM0NQ==").sign(MSG, new Date(), body);
    const rotated = { ...headers, "webhook-signature": `${stranger} v2,ignored ${headers["webhook-signature"]}` };
    expect(oracleAccepts(body, rotated, "polar")).toBe(true);
    expect(await verifyWith(polar, delivery(body, rotated), STORE)).toEqual({ ok: true });
  });

  it("refuses what standardwebhooks refuses: tampered body or id, wrong secret, missing headers", async () => {
    const { headers } = signed(body);
    const tampered = body.replace("5831", "1");
    expect(oracleAccepts(tampered, headers, "polar")).toBe(false);
    expect(await verifyWith(polar, delivery(tampered, headers), STORE)).toEqual({ ok: false, reason: "bad_signature" });
    const otherId = { ...headers, "webhook-id": "msg_other" };
    expect(oracleAccepts(body, otherId, "polar")).toBe(false);
    expect(await verifyWith(polar, delivery(body, otherId), STORE)).toMatchObject({ reason: "bad_signature" });
    expect(await verifyWith(polar, signed(body).delivery, store("polar", [STANDARD_SECRET]))).toMatchObject({
      reason: "bad_signature",
    });
    const { "webhook-signature": _s, ...unsigned } = headers;
    expect(await verifyWith(polar, delivery(body, unsigned), STORE)).toMatchObject({ reason: "missing_signature" });
    const { "webhook-id": _i, ...noId } = headers;
    expect(await verifyWith(polar, delivery(body, noId), STORE)).toMatchObject({ ok: false });
  });

  it("refuses timestamps more than 5 minutes away, as standardwebhooks does", async () => {
    const old = signed(body, { at: new Date(Date.now() - 301_000) });
    expect(oracleAccepts(body, old.headers, "polar")).toBe(false);
    expect(await verifyWith(polar, old.delivery, STORE)).toEqual({ ok: false, reason: "stale_timestamp" });
    const future = signed(body, { at: new Date(Date.now() + 400_000) });
    expect(oracleAccepts(body, future.headers, "polar")).toBe(false);
    expect(await verifyWith(polar, future.delivery, STORE)).toMatchObject({ reason: "stale_timestamp" });
    const recent = signed(body, { at: new Date(Date.now() - 290_000) });
    expect(await verifyWith(polar, recent.delivery, STORE)).toEqual({ ok: true });
  });
});

describe("polar connector: parse", () => {
  it("maps order.paid to a one-line order keyed by Polar's order id, the webhook-id as event id", () => {
    const event = parseOne(fixture("polar", "order-paid.json"));
    expect(event).toMatchObject({ id: MSG, type: "order.paid" });
    expect(event.changes).toEqual([
      {
        kind: "order_paid",
        externalId: "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
        number: "KEYDESK-0042",
        placedAt: new Date("2026-11-30T11:02:10.102Z"),
        currency: "EUR",
        customer: {
          ref: "7f6e5d4c-3b2a-4190-8f7e-6d5c4b3a2910",
          email: "anna.schmidt@example.com",
          name: "Anna Schmidt",
          address: { line1: "Torstraße 1", city: "Berlin", postalCode: "10119", country: "DE" },
        },
        lines: [
          {
            ref: "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
            sku: "5c4b3a29-1807-46f5-9e4d-3c2b1a098765",
            name: "Keydesk Pro",
            quantity: 1,
            unitAmount: 5831,
            licenseKeys: [],
          },
        ],
        total: 5831,
      },
    ]);
  });

  it("maps order.refunded to the running refunded total, full once everything is refunded", () => {
    const partial = parseOne(fixture("polar", "order-refunded.json"));
    expect(partial.changes).toEqual([
      { kind: "refund", externalId: "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d", full: false, refundedTotal: 2000 },
    ]);
    const json = fixtureJson("polar", "order-refunded.json");
    const data = { ...(json.data as object), status: "refunded", refunded_amount: 5831 };
    expect(parseOne(JSON.stringify({ ...json, data })).changes).toEqual([
      { kind: "refund", externalId: "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d", full: true, refundedTotal: 5831 },
    ]);
  });

  it("records a licence-key grant with its key id for enrich, which fetches the key with the store's API", async () => {
    const event = parseOne(fixture("polar", "benefit-grant-created.json"));
    expect(event.changes).toEqual([]);
    expect(event.ignoredBecause).toMatch(/masked key \(\*\*\*\*-E304DA\).*API key/);
    expect(event.context).toEqual({
      licenseKey: "4c3b2a19-0f8e-47d6-a5b4-c3d2e1f0a9b8",
      order: "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
    });
    const calls: string[] = [];
    const api = (path: string) => {
      calls.push(path);
      return Promise.resolve(new Response(fixture("polar", "license-key.json").toString("utf8"), { status: 200 }));
    };
    const enriched = await polar.enrich!(event, store("polar", [POLAR_SECRET], "polar_oat_x"), api);
    expect(calls).toEqual(["/v1/license-keys/4c3b2a19-0f8e-47d6-a5b4-c3d2e1f0a9b8"]);
    expect(enriched.ignoredBecause).toBeUndefined();
    expect(enriched.changes).toEqual([
      {
        kind: "license_key",
        externalId: "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
        lineRef: "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
        key: "KD-3F9A6C21-7B4E-4D0A-9C55-1E8F2AE304DA",
      },
    ]);
    const denied = () => Promise.resolve(new Response("{}", { status: 403 }));
    await expect(polar.enrich!(event, STORE, denied)).rejects.toThrow(/403/);
  });

  it("ignores other benefits, subscription grants and other event types, each with a reason", () => {
    const json = fixtureJson("polar", "benefit-grant-created.json");
    const data = json.data as Record<string, unknown>;
    const discord = parseOne(JSON.stringify({ ...json, data: { ...data, benefit: { type: "discord" } } }));
    expect(discord.ignoredBecause).toMatch(/discord benefit/);
    const sub = parseOne(JSON.stringify({ ...json, data: { ...data, order_id: null, subscription_id: "s_1" } }));
    expect(sub.ignoredBecause).toMatch(/subscription/);
    const user = parseOne(
      JSON.stringify({
        ...json,
        data: { ...data, properties: { user_provided_key: "MY-OWN-KEY", display_key: "****" } },
      }),
    );
    expect(user.changes).toEqual([
      { kind: "license_key", externalId: data.order_id, lineRef: data.order_id, key: "MY-OWN-KEY" },
    ]);
    const other = parseOne(JSON.stringify({ type: "checkout.updated", data: { id: "c_1" } }));
    expect(other.changes).toEqual([]);
    expect(other.ignoredBecause).toContain("checkout.updated");
  });

  it("derives a stable id when the webhook-id is absent, and refuses malformed bodies", () => {
    const body = fixture("polar", "order-paid.json");
    const a = parseOne(body, {});
    expect(a.id).toMatch(/^sha256:/);
    expect(parseOne(body, {}).id).toBe(a.id);
    expect(() => polar.parse(delivery("<xml/>", {}))).toThrow(MalformedDeliveryError);
    const json = fixtureJson("polar", "order-paid.json");
    const data = { ...(json.data as object), total_amount: "58.31" };
    expect(() => polar.parse(delivery(JSON.stringify({ ...json, data }), {}))).toThrow(/total_amount/);
  });

  it("reads JPY orders as whole yen", () => {
    const json = fixtureJson("polar", "order-paid.json");
    const data = { ...(json.data as object), currency: "jpy", total_amount: 980 };
    expect(parseOne(JSON.stringify({ ...json, data })).changes[0]).toMatchObject({ currency: "JPY", total: 980 });
  });
});
