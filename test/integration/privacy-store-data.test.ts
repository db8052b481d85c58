// Erasure reaches what stores told us about a customer outside their orders: the customer details a
// store sent apart from its orders (Paddle's customer events), the raw deliveries kept for replay,
// and events still waiting for details that will never come.
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { parseOrThrow } from "@/lib/errors";
import { ZErasureApproval } from "@/lib/privacy/schemas";
import { requestErasure } from "@/lib/privacy/request-erasure";
import { approveErasure } from "@/lib/privacy/approve-erasure";
import { givenAgent, meta, signedIn } from "../helpers/actors";
import { deliverTestEvents, givenStore, outcomesOf, usePassThroughConnector, type TTestEvent } from "../helpers/stores";

const SECRET = "test-store-secret-0123456789";
const restore = usePassThroughConnector();
afterAll(restore);

function paid(externalId: string, customer: Record<string, string>) {
  return {
    kind: "order_paid" as const,
    externalId,
    number: externalId,
    placedAt: new Date(Date.now() - 60_000).toISOString(),
    currency: "EUR",
    customer,
    lines: [{ ref: "l1", sku: "SD-1", name: "StoreData Pro", quantity: 1, unitAmount: 1000, licenseKeys: [] }],
    total: 1000,
  };
}

const event = (id: string, changes: TTestEvent["changes"]): TTestEvent => ({ id, type: "test.event", changes });

describe("erasure and store data", () => {
  it("deletes the store's customer details, drops raw deliveries of the customer's orders, and ends events waiting for them", async () => {
    const store = await givenStore("woocommerce", { secret: SECRET });
    const email = "store.erase@example.com";
    // Customer details first, then the order that lacks the address (completed from them).
    await deliverTestEvents(store.id, SECRET, [
      event("cd-1", [{ kind: "customer_details", customer: { ref: "ctm_erase", email, name: "Erin Store" } }]),
    ]);
    expect(
      await outcomesOf(
        await deliverTestEvents(store.id, SECRET, [event("op-1", [paid("SD-100", { ref: "ctm_erase" })])]),
      ),
    ).toEqual(["applied"]);
    // A second order of the same store customer, waiting for details of another profile of theirs.
    await deliverTestEvents(store.id, SECRET, [
      event("cd-2", [{ kind: "customer_details", customer: { ref: "ctm_erase_2", email, name: "Erin S." } }]),
    ]);
    await db().storeEvent.create({
      data: {
        id: "waiting-1",
        storeId: store.id,
        providerEventId: "op-waiting",
        type: "test.event",
        outcome: "waiting",
        waitingFor: "customer:ctm_erase_2",
        payloadEnc: "v1.sealed.delivery",
        payloadPurgeAfter: new Date(Date.now() + 86_400_000),
      },
    });
    // A stranger of the same store keeps everything.
    await deliverTestEvents(store.id, SECRET, [
      event("cd-3", [{ kind: "customer_details", customer: { ref: "ctm_other", email: "other@example.com" } }]),
    ]);

    const buyer = await signedIn(email);
    const request = await requestErasure(buyer, { confirm: true }, meta());
    await approveErasure(
      await givenAgent("admin"),
      parseOrThrow(ZErasureApproval, { requestId: request.id, keys: "revoke" }),
      meta(),
    );

    expect(await db().storeCustomer.findMany({ where: { storeId: store.id }, select: { ref: true } })).toEqual([
      { ref: "ctm_other" },
    ]);
    const order = await db().order.findFirstOrThrow({ where: { source: store.name, externalId: "SD-100" } });
    const ofOrder = await db().storeEvent.findMany({
      where: { orderId: order.id },
      select: { payloadEnc: true, outcome: true },
    });
    expect(ofOrder.length).toBeGreaterThan(0);
    expect(ofOrder.every((e) => e.payloadEnc === null && e.outcome === "applied")).toBe(true);
    expect(await db().storeEvent.findUniqueOrThrow({ where: { id: "waiting-1" } })).toMatchObject({
      outcome: "failed",
      payloadEnc: null,
      waitingFor: null,
    });
    const strangers = await db().storeEvent.findFirstOrThrow({ where: { storeId: store.id, providerEventId: "cd-3" } });
    expect(strangers.payloadEnc).not.toBeNull();
  });
});
