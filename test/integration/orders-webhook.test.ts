import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { resetEnvForTests } from "@/lib/env";
import { signPayload } from "@/lib/crypto/webhook-signature";
import { POST } from "@/app/api/v1/orders/route";
import { sampleOrder } from "@/test/fixtures/order-payloads";

const SECRET = process.env.KEYDESK_WEBHOOK_SECRET ?? "";

function deliver(body: string, signature: string | null): Promise<Response> {
  const headers: Record<string, string> = { "content-type": "application/json", "x-forwarded-for": "203.0.113.7" };
  if (signature !== null) headers["keydesk-signature"] = signature;
  return POST(new Request("http://localhost/api/v1/orders", { method: "POST", headers, body }));
}

describe("POST /api/v1/orders", () => {
  it("answers 201 on create, 200 on repeat or update, 400 with field errors", async () => {
    const order = sampleOrder();
    const body = JSON.stringify(order);
    const created = await deliver(body, signPayload(SECRET, body));
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ result: "created", number: order.number });
    const repeat = await deliver(body, signPayload(SECRET, body));
    expect([repeat.status, ((await repeat.json()) as { result: string }).result]).toEqual([200, "unchanged"]);
    const refunded = JSON.stringify({ ...order, status: "refunded" });
    const updated = await deliver(refunded, signPayload(SECRET, refunded));
    expect([updated.status, ((await updated.json()) as { result: string }).result]).toEqual([200, "updated"]);
    expect(
      await db().licenseKey.count({
        where: { orderItem: { order: { externalId: order.externalId } }, status: "active" },
      }),
    ).toBe(0);

    const bad = JSON.stringify({
      ...order,
      externalId: "NEW-1",
      items: [{ sku: "X", name: "X", quantity: 1.5, unitAmount: -1, licenseKeys: [] }],
    });
    const rejected = await deliver(bad, signPayload(SECRET, bad));
    expect(rejected.status).toBe(400);
    const error = (await rejected.json()) as { error: { code: string; fields: Record<string, string[]> } };
    expect(error.error.code).toBe("invalid_input");
    expect(Object.keys(error.error.fields).sort()).toEqual(["items.0.quantity", "items.0.unitAmount"]);
    const notJson = "{nope";
    expect((await deliver(notJson, signPayload(SECRET, notJson))).status).toBe(400);
  });

  it("refuses missing, tampered, stale and malformed signatures with 401 and changes nothing", async () => {
    const order = sampleOrder({ externalId: "DR-UNSIGNED" });
    const body = JSON.stringify(order);
    const stale = signPayload(SECRET, body, Math.floor(Date.now() / 1000) - 301);
    const tampered = signPayload(SECRET, body.replace("4900", "1"));
    const wrongSecret = signPayload("another-secret-of-enough-length", body);
    for (const signature of [null, "", "t=abc,v1=00", stale, tampered, wrongSecret]) {
      const response = await deliver(body, signature);
      expect(response.status).toBe(401);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe("unauthorized");
    }
    expect(await db().order.count({ where: { externalId: "DR-UNSIGNED" } })).toBe(0);

    process.env.KEYDESK_WEBHOOK_SECRET = "";
    resetEnvForTests();
    try {
      const response = await deliver(body, signPayload(SECRET, body));
      expect(response.status).toBe(401);
      expect(await db().order.count({ where: { externalId: "DR-UNSIGNED" } })).toBe(0);
    } finally {
      process.env.KEYDESK_WEBHOOK_SECRET = SECRET;
      resetEnvForTests();
    }
    expect((await deliver(body, signPayload(SECRET, body))).status).toBe(201);
  });

  it("remembers the newest delivery per order: an older one, validly signed and replayed within 5 minutes, changes nothing", async () => {
    const order = sampleOrder({ externalId: "DR-REPLAY" });
    const now = Math.floor(Date.now() / 1000);
    const send = (payload: object, at: number) => {
      const body = JSON.stringify(payload);
      return deliver(body, signPayload(SECRET, body, at));
    };
    expect((await send(order, now - 180)).status).toBe(201);
    const refunded = { ...order, status: "refunded" };
    expect((await send(refunded, now - 120)).status).toBe(200);
    const chargeback = { ...order, status: "chargeback", number: `${order.number}-CB` };
    expect((await send(chargeback, now - 60)).status).toBe(200);
    // An attacker (or a confused relay) replays the refund delivery of two minutes ago.
    const replay = await send(refunded, now - 120);
    expect([replay.status, ((await replay.json()) as { result: string }).result]).toEqual([200, "unchanged"]);
    const older = await send(order, now - 180);
    expect(((await older.json()) as { result: string }).result).toBe("unchanged");
    expect(await db().order.findFirstOrThrow({ where: { externalId: "DR-REPLAY" } })).toMatchObject({
      status: "chargeback",
      number: `${order.number}-CB`,
    });
    // A newer delivery still applies.
    const corrected = { ...chargeback, number: `${order.number}-X` };
    const newer = await send(corrected, now);
    expect(((await newer.json()) as { result: string }).result).toBe("updated");
  });
});
