// 2Checkout IPN through the real webhook route: the form body signed as 2Checkout signs it (values
// in received order, length-prefixed), the read receipt it requires in the reply, a paid order the
// buyer finds with its delivered codes, redeliveries and concurrent duplicates without a second
// effect, a refund and a chargeback, and a forged IPN refused.
import { createHmac } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { listBuyerOrders } from "@/lib/orders/list-buyer-orders";
import { signedIn } from "@/test/helpers/actors";
import { deliver, givenStore } from "@/test/helpers/stores";

const SECRET = "2co-integration-secret-key";
const BODY = fs.readFileSync(
  path.resolve(import.meta.dirname, "../fixtures/stores/2checkout/ipn-complete.txt"),
  "utf8",
);

function lengthPrefixed(values: string[]): string {
  return values.map((v) => (v === "" ? "0" : `${Buffer.byteLength(v)}${v}`)).join("");
}

/** The IPN as 2Checkout posts it: the fields, then SIGNATURE_SHA2_256 over their values in order. */
function signed(body: string, secret = SECRET): string {
  const source = lengthPrefixed([...new URLSearchParams(body)].map(([, v]) => v));
  return `${body}&SIGNATURE_SHA2_256=${createHmac("sha256", secret).update(source).digest("hex")}`;
}

function ipn(storeId: string, body: string) {
  return deliver(storeId, body, { "content-type": "application/x-www-form-urlencoded" });
}

function variant(email: string, status = "COMPLETE"): string {
  return BODY.replace("juergen.weiss%40example.de", encodeURIComponent(email)).replace(
    "ORDERSTATUS=COMPLETE",
    `ORDERSTATUS=${status}`,
  );
}

async function itemsOf(source: string) {
  const items = await db().orderItem.findMany({
    where: { order: { source } },
    orderBy: { position: "asc" },
    select: { sku: true, status: true, keys: { select: { status: true }, orderBy: { position: "asc" } } },
  });
  return items.map((i) => [i.sku, i.status, ...i.keys.map((k) => k.status)]);
}

/** Checks the read receipt 2Checkout validates: HMAC over IPN_PID[0], IPN_PNAME[0], IPN_DATE and the reply's date. */
async function expectReceipt(response: Response) {
  expect(response.status).toBe(200);
  const text = await response.text();
  const match = /<sig algo="sha256" date="(\d{14})">([0-9a-f]{64})<\/sig>/.exec(text);
  expect(match).not.toBeNull();
  const [, date, hash] = match!;
  const source = lengthPrefixed(["4471283", "Keydesk Pro – Einzelplatz", "20261128094211", date!]);
  expect(hash).toBe(createHmac("sha256", SECRET).update(source).digest("hex"));
}

describe("2Checkout IPN through the webhook route", () => {
  it("records a paid order with its codes, answers the signed receipt, and a redelivery changes nothing", async () => {
    const store = await givenStore("2checkout", { secret: SECRET });
    const email = `tco-${Date.now()}@example.de`;
    const body = signed(variant(email));
    await expectReceipt(await ipn(store.id, body));
    expect(await itemsOf(store.name)).toEqual([
      ["KD-PRO", "paid", "active", "active"],
      ["KD-SUPPORT", "paid"],
    ]);
    const [order] = await listBuyerOrders(await signedIn(email));
    expect(order).toBeDefined();
    const placed = await db().order.findFirstOrThrow({ where: { source: store.name } });
    expect([placed.currency, placed.totalAmount, placed.number]).toEqual(["EUR", 14042, "248917364"]);

    // 2Checkout retries until it gets the receipt: the same IPN again gets it again, no second effect.
    await expectReceipt(await ipn(store.id, body));
    expect(await db().order.count({ where: { source: store.name } })).toBe(1);
    const events = await db().storeEvent.findMany({ where: { storeId: store.id } });
    expect(events.map((e) => [e.providerEventId, e.outcome, e.deliveries])).toEqual([
      ["248917364:COMPLETE", "applied", 2],
    ]);
  });

  it("five concurrent deliveries of one IPN make one order", async () => {
    const store = await givenStore("2checkout", { secret: SECRET });
    const body = signed(variant(`tco-race-${Date.now()}@example.de`));
    const responses = await Promise.all(Array.from({ length: 5 }, () => ipn(store.id, body)));
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(await db().order.count({ where: { source: store.name } })).toBe(1);
    expect(await db().storeEvent.count({ where: { storeId: store.id } })).toBe(1);
  });

  it("REFUND refunds the whole order and revokes its codes; REVERSED marks the chargeback", async () => {
    const store = await givenStore("2checkout", { secret: SECRET });
    const email = `tco-refund-${Date.now()}@example.de`;
    await ipn(store.id, signed(variant(email)));
    await expectReceipt(await ipn(store.id, signed(variant(email, "REFUND"))));
    expect(await itemsOf(store.name)).toEqual([
      ["KD-PRO", "refunded", "revoked", "revoked"],
      ["KD-SUPPORT", "refunded"],
    ]);
    expect((await db().order.findFirstOrThrow({ where: { source: store.name } })).status).toBe("refunded");

    const other = await givenStore("2checkout", { secret: SECRET });
    await ipn(other.id, signed(variant(email)));
    await expectReceipt(await ipn(other.id, signed(variant(email, "REVERSED"))));
    const reversed = await db().order.findFirstOrThrow({ where: { source: other.name } });
    expect(reversed.status).toBe("chargeback");
    expect((await itemsOf(other.name))[0]).toEqual(["KD-PRO", "refunded", "revoked", "revoked"]);
  });

  it("refuses a forged or altered IPN with 401 and no effect, counting it on the store", async () => {
    const store = await givenStore("2checkout", { secret: SECRET });
    const forged = signed(variant(`tco-forged-${Date.now()}@example.de`), "not-the-secret-key");
    expect((await ipn(store.id, forged)).status).toBe(401);
    const altered = signed(variant(`tco-alt-${Date.now()}@example.de`)).replace("IPN_QTY%5B%5D=2", "IPN_QTY%5B%5D=9");
    expect((await ipn(store.id, altered)).status).toBe(401);
    expect((await ipn(store.id, variant("unsigned@example.de"))).status).toBe(401);
    expect(await db().storeEvent.count({ where: { storeId: store.id } })).toBe(0);
    expect(await db().order.count({ where: { source: store.name } })).toBe(0);
    expect((await db().store.findUniqueOrThrow({ where: { id: store.id } })).badSignatureCount).toBe(3);
  });
});
