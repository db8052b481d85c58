// Gumroad pings through the real webhook route: unsigned form posts whose only proof is the random
// token Keydesk put in the store's URL (its secret). A sale with its licence key, redeliveries and
// concurrent duplicates, a refund and a dispute, a test ping recorded but not applied, a wrong or
// missing token refused, and a rotated token (the old URL works for 24 h, then not).
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { listBuyerOrders } from "@/lib/orders/list-buyer-orders";
import { createStore } from "@/lib/stores/create-store";
import { listStores } from "@/lib/stores/list-stores";
import { rotateStoreSecret } from "@/lib/stores/rotate-store-secret";
import { run as addStore } from "@/scripts/cli/store-add";
import { run as listStoresCli } from "@/scripts/cli/store-list";
import { errorOf, givenAgent, meta, signedIn } from "@/test/helpers/actors";
import { deliver, outcomesOf } from "@/test/helpers/stores";
import { CLI_ACTOR } from "@/lib/auth/assert-operator";

const fixture = (name: string, email: string) =>
  fs
    .readFileSync(path.resolve(import.meta.dirname, "../fixtures/stores/gumroad", name), "utf8")
    .replace("maya.lindqvist%40example.se", encodeURIComponent(email));

let n = 0;
async function gumroadStore() {
  const created = await createStore(CLI_ACTOR, { provider: "gumroad", name: `gumroad-${Date.now()}-${++n}` }, meta());
  return { ...created, search: new URL(created.webhookUrl).search };
}

const ping = (storeId: string, body: string, search: string) =>
  deliver(storeId, body, { "content-type": "application/x-www-form-urlencoded" }, search);

async function itemsOf(source: string) {
  const items = await db().orderItem.findMany({
    where: { order: { source } },
    select: { status: true, keys: { select: { status: true } } },
  });
  return items.map((i) => [i.status, ...i.keys.map((k) => k.status)]);
}

describe("Gumroad through the webhook route", () => {
  it("prints a URL with a random token, lists the same URL, and never stores the token in clear", async () => {
    const store = await gumroadStore();
    const token = new URLSearchParams(store.search).get("token") ?? "";
    expect(token.length).toBeGreaterThanOrEqual(40);
    expect(store.secretMissing).toBe(false);
    const listed = (await listStores(CLI_ACTOR)).find((s) => s.id === store.id);
    expect(listed?.webhookUrl).toBe(store.webhookUrl);
    const row = await db().store.findUniqueOrThrow({ where: { id: store.id } });
    expect(row.secretEnc).not.toContain(token);
  });

  it("records a sale with its licence key once, however often and concurrently Gumroad pings it", async () => {
    const store = await gumroadStore();
    const email = `gumroad-${Date.now()}@example.se`;
    const body = fixture("sale.txt", email);
    expect(await outcomesOf(await ping(store.id, body, store.search))).toEqual(["applied"]);
    expect(await itemsOf(store.name)).toEqual([["paid", "active"]]);
    expect(await listBuyerOrders(await signedIn(email))).toHaveLength(1);
    const again = await Promise.all(Array.from({ length: 4 }, () => ping(store.id, body, store.search)));
    expect(again.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(await db().order.count({ where: { source: store.name } })).toBe(1);
  });

  it("a refund revokes the key; a dispute on another sale is a chargeback; a test ping changes nothing", async () => {
    const store = await gumroadStore();
    const email = `gumroad-refund-${Date.now()}@example.se`;
    await ping(store.id, fixture("sale.txt", email), store.search);
    expect(await outcomesOf(await ping(store.id, fixture("refund.txt", email), store.search))).toEqual(["applied"]);
    expect(await itemsOf(store.name)).toEqual([["refunded", "revoked"]]);

    const other = await gumroadStore();
    await ping(other.id, fixture("sale.txt", email), other.search);
    expect(await outcomesOf(await ping(other.id, fixture("dispute.txt", email), other.search))).toEqual(["applied"]);
    expect((await db().order.findFirstOrThrow({ where: { source: other.name } })).status).toBe("chargeback");

    const third = await gumroadStore();
    expect(await outcomesOf(await ping(third.id, fixture("test-ping.txt", email), third.search))).toEqual(["ignored"]);
    expect(await db().order.count({ where: { source: third.name } })).toBe(0);
  });

  it("refuses a ping without the token or with another one (401), counting it", async () => {
    const store = await gumroadStore();
    const body = fixture("sale.txt", `gumroad-forged-${Date.now()}@example.se`);
    expect((await ping(store.id, body, "")).status).toBe(401);
    expect((await ping(store.id, body, "?token=guessed-token-value")).status).toBe(401);
    expect(await db().order.count({ where: { source: store.name } })).toBe(0);
    expect((await db().store.findUniqueOrThrow({ where: { id: store.id } })).badSignatureCount).toBe(2);
  });

  it("rotating makes a new URL; the old one works for 24 hours, then no more", async () => {
    const admin = await givenAgent("admin");
    const store = await gumroadStore();
    const { previousUntil } = await rotateStoreSecret(admin, { storeId: store.id }, meta());
    expect(previousUntil).not.toBeNull();
    const listed = (await listStores(admin)).find((s) => s.id === store.id);
    const fresh = new URL(listed?.webhookUrl ?? "").search;
    expect(fresh).not.toBe(store.search);
    const email = `gumroad-rotate-${Date.now()}@example.se`;
    expect((await ping(store.id, fixture("sale.txt", email), fresh)).status).toBe(200);
    expect((await ping(store.id, fixture("refund.txt", email), store.search)).status).toBe(200);
    await db().store.update({ where: { id: store.id }, data: { previousSecretUntil: new Date(Date.now() - 1000) } });
    expect((await ping(store.id, fixture("dispute.txt", email), store.search)).status).toBe(401);
  });
});

describe("keydesk store:add for gumroad", () => {
  it("prints the URL with its token on a line of its own, and store:list shows the same URL", async () => {
    const lines: string[] = [];
    const spy = vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => {
      lines.push(...args.map(String).join(" ").split("\n"));
    });
    try {
      const name = `cli-gumroad-${Date.now()}`;
      await addStore(["--provider", "gumroad", "--name", name]);
      const url = lines.find((line) => line.startsWith("http")) ?? "";
      const store = await db().store.findUniqueOrThrow({ where: { name } });
      expect(url).toMatch(new RegExp(`^${env().appUrl}/api/v1/stores/${store.id}/webhook\\?token=[A-Za-z0-9_-]{43}$`));
      await listStoresCli();
      expect(lines.some((line) => line.startsWith(`${store.id}\t`) && line.endsWith(url))).toBe(true);
    } finally {
      spy.mockRestore();
    }
  });
});

describe("rotating a signed store's secret", () => {
  it("still needs the new secret (only a URL-token store gets one made)", async () => {
    const admin = await givenAgent("admin");
    const store = await createStore(CLI_ACTOR, { provider: "2checkout", name: `tco-rotate-${Date.now()}` }, meta());
    const error = await errorOf(rotateStoreSecret(admin, { storeId: store.id }, meta()));
    expect(error.fieldErrors?.secret).toBeDefined();
  });
});
