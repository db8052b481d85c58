// A signed-in buyer sees exactly their own orders (list, by number, by id), with the right status,
// and their own access history; anyone else's order is "not found", like a missing one.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { newId } from "@/lib/crypto/tokens";
import { listBuyerOrders } from "@/lib/orders/list-buyer-orders";
import { getBuyerOrder } from "@/lib/orders/get-buyer-order";
import { getBuyerOrderPage } from "@/lib/orders/get-buyer-order-page";
import { revealLicenseKey } from "@/lib/licenses/reveal-license-key";
import { resendLicenseKeys } from "@/lib/licenses/resend-license-keys";
import { listAccessHistory, ACCESS_HISTORY_LIMIT } from "@/lib/buyers/list-access-history";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { newIdempotencyKey } from "@/lib/idempotency/run-once";
import { errorOf, meta, signedIn } from "../helpers/actors";
import { givenOrder, licenseKey } from "../helpers/fixtures";

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();

describe("the buyer's order list", () => {
  it("lists every own order across sources, newest first, with items, amounts and status — and nobody else's", async () => {
    await givenOrder("list-a@example.com", { source: "digitalriver", number: "A-1", placedAt: daysAgo(30) });
    await givenOrder("list-a@example.com", {
      source: "paddle",
      number: "P-7",
      placedAt: daysAgo(2),
      items: [
        {
          sku: "PFS-1",
          name: "PixelForge Studio",
          quantity: 2,
          unitAmount: 4900,
          licenseKeys: [licenseKey(), licenseKey()],
        },
        { sku: "PFS-FX", name: "PixelForge FX Pack", quantity: 1, unitAmount: 1900, licenseKeys: [] },
      ],
    });
    await givenOrder("list-a@example.com", {
      source: "fastspring",
      number: "F-3",
      placedAt: daysAgo(10),
      status: "refunded",
    });
    await givenOrder("list-b@example.com", { source: "paddle", number: "B-1", placedAt: daysAgo(1) });

    const buyer = await signedIn("list-a@example.com");
    const orders = await listBuyerOrders(buyer);
    expect(orders.map((o) => [o.number, o.source, o.status])).toEqual([
      ["P-7", "paddle", "paid"],
      ["F-3", "fastspring", "refunded"],
      ["A-1", "digitalriver", "paid"],
    ]);
    const p7 = orders[0];
    expect(p7?.totalAmount).toBe(2 * 4900 + 1900);
    expect(p7?.items.map((i) => [i.name, i.quantity])).toEqual([
      ["PixelForge Studio", 2],
      ["PixelForge FX Pack", 1],
    ]);
    // Nothing secret or personal travels in the list DTO.
    expect(JSON.stringify(orders)).not.toMatch(/Enc|Hash|list-a@example\.com|Test Buyer/);
  });

  it("shows 'refund requested' only while a refund request is pending", async () => {
    const { orderId } = await givenOrder("refund-flag@example.com");
    const buyer = await signedIn("refund-flag@example.com");
    expect((await listBuyerOrders(buyer))[0]?.refundRequested).toBe(false);
    const refundId = newId();
    await db().refundRequest.create({
      data: { id: refundId, orderId, customerId: buyer.customerId, reason: "duplicate", amount: 4900 },
    });
    expect((await listBuyerOrders(buyer))[0]?.refundRequested).toBe(true);
    await db().refundRequest.update({ where: { id: refundId }, data: { status: "denied" } });
    expect((await listBuyerOrders(buyer))[0]?.refundRequested).toBe(false);
  });

  it("follows an order whose address was corrected to the buyer's customer", async () => {
    const { orderId } = await givenOrder("typo@gmial.com", { number: "MOVED-1" });
    await givenOrder("moved@example.com");
    const buyer = await signedIn("moved@example.com");
    expect((await listBuyerOrders(buyer)).map((o) => o.number)).not.toContain("MOVED-1");
    await db().order.update({ where: { id: orderId }, data: { customerId: buyer.customerId } });
    expect((await listBuyerOrders(buyer)).map((o) => o.number)).toContain("MOVED-1");
    expect((await getBuyerOrder(buyer, { number: "MOVED-1" })).id).toBe(orderId);
  });
});

describe("one order of the buyer", () => {
  it("opens by number or id for its owner only; another buyer's order is not found either way", async () => {
    const mine = await givenOrder("owner@example.com", { number: "OWN-1" });
    const theirs = await givenOrder("stranger@example.com", { number: "THEIRS-1" });
    const buyer = await signedIn("owner@example.com");

    const order = await getBuyerOrder(buyer, { number: "OWN-1" });
    expect(order.id).toBe(mine.orderId);
    expect(order.items[0]?.keys).toHaveLength(1);
    // Masked: only the last five characters are in the DTO.
    const key = mine.payload.items[0]?.licenseKeys[0] ?? "";
    expect(order.items[0]?.keys[0]?.masked).toBe(`•••••-•••••-•••••-${key.slice(-5)}`);
    expect(JSON.stringify(order)).not.toContain(key);
    expect((await getBuyerOrder(buyer, { orderId: mine.orderId })).number).toBe("OWN-1");

    for (const lookup of [
      { number: "THEIRS-1" },
      { orderId: theirs.orderId },
      { number: "THEIRS-1", orderId: theirs.orderId },
      { number: "OWN-1", orderId: theirs.orderId },
      { number: "NOPE" },
      { number: "" },
    ]) {
      const error = await errorOf(getBuyerOrder(buyer, lookup));
      expect(error.code).toBe("not_found");
      expect(error.message).toBe("There is no such order.");
    }
  });

  it("shows the newest of two orders with the same number and links the other by source", async () => {
    const older = await givenOrder("twice@example.com", {
      source: "digitalriver",
      number: "500",
      placedAt: daysAgo(20),
    });
    const newer = await givenOrder("twice@example.com", { source: "paddle", number: "500", placedAt: daysAgo(3) });
    await givenOrder("twice-other@example.com", { source: "fastspring", number: "500", placedAt: daysAgo(1) });
    const buyer = await signedIn("twice@example.com");

    const shown = await getBuyerOrder(buyer, { number: "500" });
    expect(shown.id).toBe(newer.orderId);
    expect(shown.sameNumber.map((o) => [o.id, o.source])).toEqual([[older.orderId, "digitalriver"]]);
    expect((await getBuyerOrder(buyer, { number: "500", source: "digitalriver" })).id).toBe(older.orderId);
    expect((await errorOf(getBuyerOrder(buyer, { number: "500", source: "fastspring" }))).code).toBe("not_found");
  });
});

describe("access history", () => {
  it("shows the buyer's sign-ins and their key and download events with time, IP and browser — nobody else's", async () => {
    const { orderId } = await givenOrder("history@example.com", { number: "H-1" });
    await givenOrder("history-other@example.com");
    const first = await signedIn("history@example.com", { ip: "198.51.100.1", userAgent: "Old Browser/1.0" });
    const buyer = await signedIn("history@example.com", { ip: "198.51.100.2", userAgent: "New Browser/2.0" });
    const other = await signedIn("history-other@example.com", { ip: "198.51.100.99", userAgent: "Other/9" });
    await recordAuditEvent({
      actorType: "customer",
      actorId: buyer.customerId,
      customerId: buyer.customerId,
      action: "buyer.sign_in",
      ip: "198.51.100.2",
      userAgent: "New Browser/2.0",
    });

    const order = await getBuyerOrder(buyer, { orderId });
    const keyId = order.items[0]?.keys[0]?.id ?? "";
    await revealLicenseKey(buyer, { keyId }, meta({ ip: "198.51.100.2", userAgent: "New Browser/2.0" }));
    await resendLicenseKeys(
      buyer,
      { orderId, idempotencyKey: newIdempotencyKey() },
      meta({ ip: "198.51.100.3", userAgent: "New Browser/2.0" }),
    );
    const otherOrder = (await listBuyerOrders(other))[0];
    await resendLicenseKeys(
      other,
      { orderId: otherOrder?.id, idempotencyKey: newIdempotencyKey() },
      meta({ ip: "198.51.100.99", userAgent: "Other/9" }),
    );
    // An agent's internal event about this customer is not part of the buyer's history.
    await recordAuditEvent({
      actorType: "agent",
      actorId: "agent-1",
      customerId: buyer.customerId,
      action: "customer.viewed",
    });

    const history = await listAccessHistory(buyer);
    expect(history.signIns.map((s) => [s.ip, s.userAgent, s.current, s.active])).toEqual([
      ["198.51.100.2", "New Browser/2.0", true, true],
      ["198.51.100.1", "Old Browser/1.0", false, true],
    ]);
    expect(first.sessionId).not.toBe(buyer.sessionId);
    expect(history.events.map((e) => [e.action, e.subject, e.ip, e.userAgent])).toEqual([
      ["license_keys.resent", "Order H-1", "198.51.100.3", "New Browser/2.0"],
      ["license_key.revealed", "Order H-1 · PixelForge Studio", "198.51.100.2", "New Browser/2.0"],
      ["buyer.sign_in", null, "198.51.100.2", "New Browser/2.0"],
    ]);
    expect(JSON.stringify(history)).not.toMatch(/198\.51\.100\.99|Other\/9/);
  });

  it("keeps exactly the newest 50 events, newest first, whatever order they were stored in", async () => {
    await givenOrder("busy-history@example.com");
    const buyer = await signedIn("busy-history@example.com");
    const total = ACCESS_HISTORY_LIMIT + 10;
    const base = Date.now() - 10 * 60_000;
    // Event n happened at base + n seconds; they are stored in a scrambled order (7 and 60 are
    // coprime, so n = 7i mod 60 visits every n once), so neither insertion order nor its reverse
    // is the time order.
    const idAt: string[] = [];
    for (let i = 0; i < total; i++) {
      const n = (i * 7) % total;
      const id = newId();
      idAt[n] = id;
      await db().auditEvent.create({
        data: {
          id,
          at: new Date(base + n * 1000),
          actorType: "customer",
          actorId: buyer.customerId,
          customerId: buyer.customerId,
          action: n % 2 === 0 ? "buyer.sign_in" : "buyer.sign_out",
          metadata: { n },
        },
      });
    }
    const { events } = await listAccessHistory(buyer);
    const newestFirst = idAt.slice(-ACCESS_HISTORY_LIMIT).reverse();
    expect(events.map((e) => e.id)).toEqual(newestFirst);
    expect(events.map((e) => e.at.getTime())).toEqual(
      Array.from({ length: ACCESS_HISTORY_LIMIT }, (_, k) => base + (total - 1 - k) * 1000),
    );
    expect(events[0]?.action).toBe("buyer.sign_out"); // n = 59
  });
});

describe("the order page in one call", () => {
  it("returns the order, its downloads per item and the refund panel, for the owner", async () => {
    const { orderId } = await givenOrder("page-owner@example.com", {
      number: "PAGE-1",
      items: [
        { sku: "PFS-1", name: "PixelForge Studio", quantity: 1, unitAmount: 4900, licenseKeys: [licenseKey()] },
        { sku: "PFS-FX", name: "PixelForge FX Pack", quantity: 1, unitAmount: 1900, licenseKeys: [] },
      ],
    });
    const buyer = await signedIn("page-owner@example.com");
    const page = await getBuyerOrderPage(buyer, { number: "PAGE-1" });
    expect(page.order.id).toBe(orderId);
    expect(page.downloads.map((d) => d.orderItemId)).toEqual(page.order.items.map((i) => i.id));
    expect(page.refunds.orderId).toBe(orderId);
    expect(page.refunds.items.map((i) => i.name)).toEqual(["PixelForge Studio", "PixelForge FX Pack"]);
    expect((await getBuyerOrderPage(buyer, { orderId })).order.number).toBe("PAGE-1");
  });

  it("refuses another buyer's order as not found — by number, by id, or one's own number with their id", async () => {
    await givenOrder("page-mine@example.com", { number: "PAGE-MINE" });
    const theirs = await givenOrder("page-theirs@example.com", { number: "PAGE-THEIRS" });
    const buyer = await signedIn("page-mine@example.com");
    for (const lookup of [
      { number: "PAGE-THEIRS" },
      { orderId: theirs.orderId },
      { number: "PAGE-THEIRS", orderId: theirs.orderId },
      { number: "PAGE-MINE", orderId: theirs.orderId },
    ]) {
      const error = await errorOf(getBuyerOrderPage(buyer, lookup));
      expect(error.code).toBe("not_found");
      expect(error.message).toBe("There is no such order.");
    }
    // The owner still gets it through the same call.
    const owner = await signedIn("page-theirs@example.com");
    expect((await getBuyerOrderPage(owner, { number: "PAGE-THEIRS" })).order.id).toBe(theirs.orderId);
  });
});
