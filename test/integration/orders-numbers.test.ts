// Order numbers as stores write them ("#1002", "2026/11/0042", "INV 77", "abc-12"): every one opens
// from the buyer's list, is found as the buyer or agent types it, and two stores may use the same
// number without one hiding the other.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { getBuyerOrder } from "@/lib/orders/get-buyer-order";
import { listBuyerOrders } from "@/lib/orders/list-buyer-orders";
import { buyerOrderPath, orderNumberKey } from "@/lib/orders/order-number";
import { searchOrders } from "@/lib/orders/search-orders";
import { errorOf, givenAgent, meta, signedIn } from "../helpers/actors";
import { givenOrder } from "../helpers/fixtures";

const NUMBERS = ["#1002", "2026/11/0042", "INV 77", "abc-12"];

/** The path segment of a link as the browser requests it (what Next.js hands the page). */
function segmentOf(href: string): string {
  return new URL(href, "http://localhost").pathname.replace(/^\/orders\//, "");
}

describe("order numbers as stores write them", () => {
  it("opens every number from the link on the buyer's list, encoded or decoded", async () => {
    const email = "numbers-open@example.com";
    for (const number of NUMBERS) await givenOrder(email, { source: "shop-open", number });
    const buyer = await signedIn(email);
    const orders = await listBuyerOrders(buyer);
    expect(orders.map((o) => o.number).sort()).toEqual([...NUMBERS].sort());
    for (const order of orders) {
      const href = buyerOrderPath(order, orders);
      expect(href).not.toContain("#");
      const segment = segmentOf(href);
      // Next.js may hand the page the segment still encoded, or decoded: both open the order.
      for (const number of [segment, decodeURIComponent(segment)]) {
        const found = await getBuyerOrder(buyer, { number });
        expect(found.id).toBe(order.id);
        expect(found.number).toBe(order.number);
      }
    }
  });

  it("finds an order as it is typed: with or without #, in any case, with or without spaces", async () => {
    const email = "numbers-typed@example.com";
    const created = new Map<string, string>();
    for (const number of NUMBERS) {
      created.set(number, (await givenOrder(email, { source: "shop-typed", number })).orderId);
    }
    const buyer = await signedIn(email);
    const agent = await givenAgent("agent");
    const typed: [string, string][] = [
      ["#1002", "1002"],
      ["#1002", "#1002"],
      ["#1002", " # 1002 "],
      ["2026/11/0042", "2026/11/0042"],
      ["INV 77", "inv77"],
      ["INV 77", "INV 77"],
      ["INV 77", "#Inv 77"],
      ["abc-12", "ABC-12"],
    ];
    for (const [number, query] of typed) {
      expect((await getBuyerOrder(buyer, { number: query })).id).toBe(created.get(number));
      const result = await searchOrders(agent, { query }, meta());
      expect(result.kind).toBe("number");
      // (Other tests of this file ordered "#1002" too: only this buyer's orders are compared.)
      const own = result.orders.map((o) => o.id).filter((id) => [...created.values()].includes(id));
      expect(own).toEqual([created.get(number)]);
    }
    // What is not the number finds nothing, and a bare "#" is no number at all.
    expect((await errorOf(getBuyerOrder(buyer, { number: "INV 7" }))).code).toBe("not_found");
    expect((await errorOf(getBuyerOrder(buyer, { number: "#" }))).code).toBe("not_found");
    expect((await searchOrders(agent, { query: "#" }, meta())).orders).toEqual([]);
    // Another buyer's "#1002" stays "not found".
    await givenOrder("numbers-other@example.com", { source: "shop-other", number: "#4040" });
    expect((await errorOf(getBuyerOrder(buyer, { number: "#4040" }))).code).toBe("not_found");
  });

  it("keeps the same number of two stores apart: each link opens its own order", async () => {
    const email = "numbers-two-stores@example.com";
    const a = await givenOrder(email, { source: "shop-a", number: "#1002", placedAt: "2026-11-01T10:00:00Z" });
    const b = await givenOrder(email, { source: "shop-b", number: "#1002", placedAt: "2026-11-02T10:00:00Z" });
    // Redelivering the first store's order does not touch the second's.
    await givenOrder(email, { ...a.payload });
    const buyer = await signedIn(email);
    const orders = await listBuyerOrders(buyer);
    const links = orders.map((o) => [o.source, buyerOrderPath(o, orders)]);
    expect(links).toEqual([
      ["shop-b", "/orders/%231002?source=shop-b"],
      ["shop-a", "/orders/%231002?source=shop-a"],
    ]);
    const openedA = await getBuyerOrder(buyer, { number: "%231002", source: "shop-a" });
    expect(openedA.id).toBe(a.orderId);
    expect(openedA.sameNumber.map((o) => o.id)).toEqual([b.orderId]);
    expect((await getBuyerOrder(buyer, { number: "#1002", source: "shop-b" })).id).toBe(b.orderId);
    // Without a source the newest opens, and lists the other.
    expect((await getBuyerOrder(buyer, { number: "1002" })).id).toBe(b.orderId);
    const agent = await givenAgent("agent");
    const found = await searchOrders(agent, { query: "#1002" }, meta());
    expect(found.orders.map((o) => o.id)).toEqual(expect.arrayContaining([a.orderId, b.orderId]));
  });

  it("opens a long number full of characters that are encoded in a URL", async () => {
    const email = "numbers-long@example.com";
    const number = "INV/2026/11/" + "#/ ".repeat(17);
    const order = await givenOrder(email, { source: "shop-long", number });
    const buyer = await signedIn(email);
    expect(number.length).toBeLessThanOrEqual(64);
    expect((await getBuyerOrder(buyer, { number: encodeURIComponent(number) })).id).toBe(order.orderId);
  });

  it("keeps the key in step when a store renumbers an order", async () => {
    const email = "numbers-renumbered@example.com";
    const first = await givenOrder(email, { source: "shop-renumber", number: "#2001" });
    await givenOrder(email, { ...first.payload, number: "INV 2001" });
    const buyer = await signedIn(email);
    expect((await getBuyerOrder(buyer, { number: "inv2001" })).id).toBe(first.orderId);
    expect((await errorOf(getBuyerOrder(buyer, { number: "#2001" }))).code).toBe("not_found");
  });

  it("backfills the key of existing orders in SQL exactly as the intake computes it", async () => {
    const numbers = [...NUMBERS, "#A\tB\nC\r D", "Ünïcode-É 5", "plain"];
    const ids: string[] = [];
    for (const number of numbers) ids.push((await givenOrder("numbers-backfill@example.com", { number })).orderId);
    await db().order.updateMany({ where: { id: { in: ids } }, data: { numberKey: "" } });
    const provider = process.env.KEYDESK_TEST_DB === "postgres" ? "postgres" : "sqlite";
    const dir = path.resolve(import.meta.dirname, `../../prisma/${provider}/migrations`);
    const migration = fs.readdirSync(dir).find((name) => name.endsWith("_order_number_key"));
    const sql = fs.readFileSync(path.join(dir, migration!, "migration.sql"), "utf8");
    const backfill = sql.split("\n").find((line) => line.startsWith('UPDATE "Order" SET "numberKey"'));
    await db().$executeRawUnsafe(backfill!.replace(/;$/, ` WHERE "id" IN (${ids.map((id) => `'${id}'`).join(",")})`));
    const rows = await db().order.findMany({ where: { id: { in: ids } }, select: { number: true, numberKey: true } });
    expect(rows).toHaveLength(numbers.length);
    for (const row of rows) expect(row.numberKey).toBe(orderNumberKey(row.number));
  });
});
