// The connector framework's effects through the real webhook route, with a pass-through test
// connector (test/helpers/stores.ts) whose events carry their changes: licence keys and refunds by
// line, customer details before or after the order, waiting, atomicity, replay and retention.
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { listBuyerOrders } from "@/lib/orders/list-buyer-orders";
import { getStoreLog } from "@/lib/stores/get-store-log";
import { purgeStorePayloads } from "@/lib/stores/purge-store-payloads";
import { replayStoreEvent } from "@/lib/stores/replay-store-event";
import { errorOf, givenAgent, meta, signedIn } from "@/test/helpers/actors";
import {
  deliverTestEvents,
  givenStore,
  outcomesOf,
  usePassThroughConnector,
  type TTestEvent,
} from "@/test/helpers/stores";

const SECRET = "test-store-secret-0123456789";
const restore = usePassThroughConnector();
afterAll(restore);
let n = 0;

function orderPaid(
  externalId: string,
  customer: Record<string, string>,
  lines: { ref: string; sku: string; keys: string[] }[],
) {
  return {
    kind: "order_paid" as const,
    externalId,
    number: `N-${externalId}`,
    placedAt: new Date(Date.now() - 60_000).toISOString(),
    currency: "EUR",
    customer,
    lines: lines.map((l) => ({
      ref: l.ref,
      sku: l.sku,
      name: `Product ${l.sku}`,
      quantity: 1,
      unitAmount: 1000,
      licenseKeys: l.keys,
    })),
    total: 1000 * lines.length,
  };
}

function event(changes: TTestEvent["changes"], id = `ev-${Date.now()}-${++n}`): TTestEvent {
  return { id, type: "test.event", changes };
}

async function keysOf(storeName: string, externalId: string) {
  const items = await db().orderItem.findMany({
    where: { order: { source: storeName, externalId } },
    orderBy: { position: "asc" },
    select: { status: true, keys: { select: { status: true, revokedReason: true } } },
  });
  return items.map((i) => [i.status, ...i.keys.map((k) => k.status)]);
}

const orderOf = (source: string, externalId: string) =>
  db().order.findUniqueOrThrow({ where: { source_externalId: { source, externalId } } });

describe("store connector framework", () => {
  it("revokes exactly the refunded line's keys; an unknown line fails without effect", async () => {
    const store = await givenStore("woocommerce", { secret: SECRET });
    const lines = [
      { ref: "L1", sku: "FW-A", keys: ["AAAA-1111"] },
      { ref: "L2", sku: "FW-B", keys: ["BBBB-2222", "BBBB-3333"] },
    ];
    await deliverTestEvents(store.id, SECRET, [
      event([orderPaid("O-1", { email: `fw-${Date.now()}@example.com`, name: "Fay" }, lines)]),
    ]);
    const refund = event([{ kind: "refund", externalId: "O-1", lines: [{ ref: "L2" }], full: false }]);
    expect(await outcomesOf(await deliverTestEvents(store.id, SECRET, [refund]))).toEqual(["applied"]);
    expect(await keysOf(store.name, "O-1")).toEqual([
      ["paid", "active"],
      ["refunded", "revoked", "revoked"],
    ]);
    expect((await orderOf(store.name, "O-1")).status).toBe("partially_refunded");

    const unknown = event([{ kind: "refund", externalId: "O-1", lines: [{ ref: "L9" }], full: false }]);
    expect(await outcomesOf(await deliverTestEvents(store.id, SECRET, [unknown]))).toEqual(["failed"]);
    const failed = await db().storeEvent.findFirstOrThrow({
      where: { storeId: store.id, providerEventId: unknown.id },
    });
    expect(failed.reason).toContain("L9");
    const partialUnits = event([{ kind: "refund", externalId: "O-1", amount: 500, full: false }]);
    expect(await outcomesOf(await deliverTestEvents(store.id, SECRET, [partialUnits]))).toEqual(["duplicate"]);
    expect(await keysOf(store.name, "O-1")).toEqual([
      ["paid", "active"],
      ["refunded", "revoked", "revoked"],
    ]);

    const chargeback = event([{ kind: "chargeback", externalId: "O-1" }]);
    expect(await outcomesOf(await deliverTestEvents(store.id, SECRET, [chargeback]))).toEqual(["applied"]);
    expect((await orderOf(store.name, "O-1")).status).toBe("chargeback");
    expect(await keysOf(store.name, "O-1")).toEqual([
      ["refunded", "revoked"],
      ["refunded", "revoked", "revoked"],
    ]);
  });

  it("never half-applies an event: a failing later change rolls back the order of the same event", async () => {
    const store = await givenStore("woocommerce", { secret: SECRET });
    const email = `atomic-${Date.now()}@example.com`;
    const bad = event([
      orderPaid("O-ATOM", { email, name: "Ada" }, [{ ref: "L1", sku: "FW-A", keys: [] }]),
      { kind: "license_key", externalId: "O-ATOM", lineRef: "L7", key: "KEY-1" },
      { kind: "refund", externalId: "O-ATOM", lines: [{ ref: "nope" }], full: false },
    ]);
    expect(await outcomesOf(await deliverTestEvents(store.id, SECRET, [bad]))).toEqual(["failed"]);
    expect(await db().order.count({ where: { source: store.name } })).toBe(0);
    const invalid = event([
      orderPaid("O-BAD", { email: "not-an-address", name: "X" }, [{ ref: "L1", sku: "FW-A", keys: [] }]),
    ]);
    const response = await deliverTestEvents(store.id, SECRET, [invalid]);
    expect([response.status, ...(await outcomesOf(response))]).toEqual([200, "failed"]);
    const row = await db().storeEvent.findFirstOrThrow({ where: { providerEventId: invalid.id } });
    expect(row.reason).toContain("customer.email");
  });

  it("completes an order without e-mail from the customer event, whichever arrives first", async () => {
    const store = await givenStore("woocommerce", { secret: SECRET });
    const email = `paddle-like-${Date.now()}@example.com`;
    const txn = event([orderPaid("T-1", { ref: "ctm_1" }, [{ ref: "L1", sku: "FW-C", keys: ["CCCC-1"] }])]);
    expect(await outcomesOf(await deliverTestEvents(store.id, SECRET, [txn]))).toEqual(["waiting"]);
    const admin = await givenAgent("admin");
    const log = await getStoreLog(admin, store.id);
    expect(log.events[0]).toMatchObject({ outcome: "waiting", waitingFor: "customer:ctm_1", replayable: true });

    const customer = event([{ kind: "customer_details", customer: { ref: "ctm_1", email, name: "Paula" } }]);
    expect(await outcomesOf(await deliverTestEvents(store.id, SECRET, [customer]))).toEqual(["applied"]);
    expect((await db().storeEvent.findFirstOrThrow({ where: { providerEventId: txn.id } })).outcome).toBe("applied");
    expect(await listBuyerOrders(await signedIn(email))).toHaveLength(1);

    // The other way round: the customer is known, the next transaction applies at once.
    const second = event([orderPaid("T-2", { ref: "ctm_1" }, [{ ref: "L1", sku: "FW-C", keys: [] }])]);
    expect(await outcomesOf(await deliverTestEvents(store.id, SECRET, [second]))).toEqual(["applied"]);
    expect(await listBuyerOrders(await signedIn(email))).toHaveLength(2);
  });

  it("adds licence keys sent after the order, also when they come before it", async () => {
    const store = await givenStore("woocommerce", { secret: SECRET });
    const early = event([{ kind: "license_key", externalId: "O-K", lineRef: "L1", key: "EARLY-KEY-1" }]);
    expect(await outcomesOf(await deliverTestEvents(store.id, SECRET, [early]))).toEqual(["waiting"]);
    const paid = event([
      orderPaid("O-K", { email: `keys-${Date.now()}@example.com`, name: "Kim" }, [
        { ref: "L1", sku: "FW-K", keys: [] },
      ]),
    ]);
    await deliverTestEvents(store.id, SECRET, [paid]);
    const late = event([{ kind: "license_key", externalId: "O-K", lineRef: "L1", key: "LATE-KEY-2" }]);
    expect(await outcomesOf(await deliverTestEvents(store.id, SECRET, [late]))).toEqual(["applied"]);
    expect(await keysOf(store.name, "O-K")).toEqual([["paid", "active", "active"]]);
    const again = event([{ kind: "license_key", externalId: "O-K", lineRef: "L1", key: "LATE-KEY-2" }]);
    expect(await outcomesOf(await deliverTestEvents(store.id, SECRET, [again]))).toEqual(["duplicate"]);
  });

  it("replays a failed event from its stored payload; purged payloads leave only the outcome", async () => {
    const store = await givenStore("woocommerce", { secret: SECRET });
    const admin = await givenAgent("admin");
    await deliverTestEvents(store.id, SECRET, [
      event([
        orderPaid("O-R", { email: `replay-${Date.now()}@example.com`, name: "Rui" }, [
          { ref: "L1", sku: "FW-R", keys: [] },
        ]),
      ]),
    ]);
    const key = event([{ kind: "license_key", externalId: "O-R", lineRef: "L2", key: "REPLAY-KEY" }]);
    // Two lines now: the key's line matches nothing → failed.
    await deliverTestEvents(store.id, SECRET, [
      event([
        orderPaid("O-R2", { email: `replay2-${Date.now()}@example.com`, name: "Rui" }, [
          { ref: "L1", sku: "FW-R", keys: [] },
          { ref: "L3", sku: "FW-S", keys: [] },
        ]),
      ]),
    ]);
    const keyTwo = event([{ kind: "license_key", externalId: "O-R2", lineRef: "L2", key: "REPLAY-KEY" }]);
    await deliverTestEvents(store.id, SECRET, [keyTwo]);
    const failed = await db().storeEvent.findFirstOrThrow({ where: { providerEventId: keyTwo.id } });
    expect(failed.outcome).toBe("failed");
    // The order learns line L2 (the store sent a corrected order), then the admin replays the key.
    await deliverTestEvents(store.id, SECRET, [
      event([
        orderPaid("O-R2", { email: `replay2-${Date.now()}@example.com`, name: "Rui" }, [
          { ref: "L1", sku: "FW-R", keys: [] },
          { ref: "L2", sku: "FW-S", keys: [] },
        ]),
      ]),
    ]);
    expect(await replayStoreEvent(admin, { storeId: store.id, eventId: failed.id }, meta())).toMatchObject({
      outcome: "applied",
    });
    expect(await keysOf(store.name, "O-R2")).toEqual([["paid"], ["paid", "active"]]);

    // Retention: past its keeping time the payload goes; a waiting event then fails for good.
    await deliverTestEvents(store.id, SECRET, [key, event([{ kind: "chargeback", externalId: "O-NEVER" }])]);
    await db().storeEvent.updateMany({
      where: { storeId: store.id },
      data: { payloadPurgeAfter: new Date(Date.now() - 1000) },
    });
    expect(await purgeStorePayloads(new Date())).toBeGreaterThan(0);
    const rows = await db().storeEvent.findMany({ where: { storeId: store.id } });
    expect(rows.every((r) => r.payloadEnc === null)).toBe(true);
    expect(rows.some((r) => r.outcome === "waiting")).toBe(false);
    const waitedInVain = rows.find((r) => r.waitingFor === null && r.reason?.includes("keeping time"));
    expect(waitedInVain?.outcome).toBe("failed");
    expect(
      (await errorOf(replayStoreEvent(admin, { storeId: store.id, eventId: waitedInVain?.id ?? "" }, meta()))).code,
    ).toBe("conflict");
  });
});
