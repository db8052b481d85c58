import { ENC } from "@/lib/crypto/contexts";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { decrypt } from "@/lib/crypto/encryption";
import { emailIndex, licenseKeyIndex } from "@/lib/crypto/blind-index";
import { newId } from "@/lib/crypto/tokens";
import { isAppError } from "@/lib/errors";
import { ingestOrder } from "@/lib/orders/ingest-order";
import { parseOrderPayload } from "@/lib/orders/schemas";
import { sampleOrder } from "@/test/fixtures/order-payloads";

const SYSTEM = { type: "system", label: "test" } as const;

function ingest(raw: unknown) {
  return ingestOrder(parseOrderPayload(raw), SYSTEM);
}

async function keysOf(orderId: string) {
  const items = await db().orderItem.findMany({
    where: { orderId },
    orderBy: { position: "asc" },
    include: { keys: { orderBy: { createdAt: "asc" } } },
  });
  return items.map((i) => ({
    status: i.status,
    keys: i.keys.map((k) => ({
      value: decrypt(k.keyEnc, ENC.licenseKeyValue),
      status: k.status,
      reason: k.revokedReason,
    })),
  }));
}

describe("ingestOrder", () => {
  it("creates an order with encrypted buyer data, then reports a repeat as unchanged and a change as updated", async () => {
    const raw = sampleOrder({ customer: { email: "grace@example.org", name: "Grace Hopper", newsletter: true } });
    const first = await ingest(raw);
    expect(first.result).toBe("created");

    const order = await db().order.findUniqueOrThrow({
      where: { id: first.orderId },
      include: { customer: true, items: true },
    });
    expect(order.totalAmount).toBe(4900 + 2 * 2995);
    expect(order.emailHash).toBe(emailIndex("GRACE@example.org"));
    expect(decrypt(order.emailEnc, ENC.orderEmail)).toBe("grace@example.org");
    expect(decrypt(order.billingNameEnc ?? "", ENC.orderBillingName)).toBe("Grace Hopper");
    expect(decrypt(order.customer.nameEnc ?? "", ENC.customerName)).toBe("Grace Hopper");
    expect(order.customer.newsletter).toBe(true);
    expect(order.items).toHaveLength(2);
    expect(await db().product.count({ where: { sku: { in: ["PIXF-STUDIO", "BKH-PRO"] } } })).toBe(2);
    expect((await keysOf(first.orderId)).map((i) => i.keys.length)).toEqual([1, 2]);
    const events = await db().auditEvent.findMany({ where: { targetId: first.orderId } });
    expect(events.map((e) => e.action)).toEqual(["order.created"]);
    expect(JSON.stringify(events[0]?.metadata)).not.toMatch(/grace|hopper|\d{5}-/i);

    expect((await ingest(raw)).result).toBe("unchanged");
    expect(await db().auditEvent.count({ where: { targetId: first.orderId } })).toBe(1);

    const withNewKey = structuredClone(raw);
    withNewKey.items[0]?.licenseKeys?.push("24680-13579-24680-13579", "11111-22222-33333-44444");
    const second = await ingest(withNewKey);
    expect(second).toEqual({ result: "updated", orderId: first.orderId, number: raw.number });
    expect((await keysOf(first.orderId))[0]?.keys.map((k) => k.value)).toEqual([
      "11111-22222-33333-44444",
      "24680-13579-24680-13579",
    ]);
    expect(await db().order.count({ where: { source: raw.source, externalId: raw.externalId } })).toBe(1);
    expect((await ingest(withNewKey)).result).toBe("unchanged");
  });

  it("turns 20 concurrent identical deliveries into one order", async () => {
    const raw = sampleOrder({ customer: { email: `race-${newId()}@example.com`, name: "Race Condition" } });
    const results = await Promise.all(Array.from({ length: 20 }, () => ingest(raw)));
    expect(results.filter((r) => r.result === "created")).toHaveLength(1);
    expect(results.every((r) => r.result !== "updated")).toBe(true);
    expect(new Set(results.map((r) => r.orderId)).size).toBe(1);
    expect(await db().order.count({ where: { externalId: raw.externalId } })).toBe(1);
    expect(await db().customer.count({ where: { emailHash: emailIndex(raw.customer.email) } })).toBe(1);
    expect(await db().licenseKey.count({ where: { orderItem: { orderId: results[0]?.orderId } } })).toBe(3);
  });

  it("revokes exactly the refunded item's keys and download grants on a partial refund", async () => {
    const raw = sampleOrder();
    const { orderId } = await ingest(raw);
    const items = await db().orderItem.findMany({ where: { orderId }, orderBy: { position: "asc" } });
    const file = {
      id: newId(),
      fileName: "setup.exe",
      version: "1",
      contentType: "application/octet-stream",
      size: 10n,
      sha256: "x",
      storagePath: "x",
    };
    const grantIds: string[] = [];
    for (const item of items) {
      const productFile = await db().productFile.create({
        data: { ...file, id: newId(), productId: item.productId, version: newId() },
      });
      const grant = await db().downloadGrant.create({
        data: {
          id: newId(),
          tokenHash: newId(),
          orderItemId: item.id,
          productFileId: productFile.id,
          customerId: (await db().order.findUniqueOrThrow({ where: { id: orderId } })).customerId,
          expiresAt: new Date(Date.now() + 3600_000),
          maxDownloads: 5,
        },
      });
      grantIds.push(grant.id);
    }

    const partial = structuredClone(raw);
    partial.status = "partially_refunded";
    if (partial.items[1]) partial.items[1].status = "refunded";
    expect((await ingest(partial)).result).toBe("updated");
    const after = await keysOf(orderId);
    expect(after[0]).toEqual({
      status: "paid",
      keys: [{ value: "11111-22222-33333-44444", status: "active", reason: null }],
    });
    expect(after[1]?.status).toBe("refunded");
    expect(after[1]?.keys.every((k) => k.status === "revoked" && k.reason === "refunded")).toBe(true);
    const grants = await db().downloadGrant.findMany({
      where: { id: { in: grantIds } },
      orderBy: { orderItem: { position: "asc" } },
    });
    expect(grants.map((g) => g.revokedAt !== null)).toEqual([false, true]);

    // A late "paid" delivery does not bring the refunded item back; a chargeback takes the rest.
    expect((await ingest(raw)).result).toBe("unchanged");
    expect((await ingest({ ...raw, status: "chargeback" })).result).toBe("updated");
    const final = await keysOf(orderId);
    expect(final[0]?.keys[0]).toMatchObject({ status: "revoked", reason: "chargeback" });
    expect(final[1]?.keys.every((k) => k.reason === "refunded")).toBe(true);
    expect((await db().order.findUniqueOrThrow({ where: { id: orderId } })).status).toBe("chargeback");
    expect(await db().downloadGrant.count({ where: { id: { in: grantIds }, revokedAt: null } })).toBe(0);
  });

  it("rejects a bad payload with per-field errors and writes nothing", async () => {
    const before = await db().order.count();
    const raw = sampleOrder();
    const bad = {
      ...raw,
      currency: "euro",
      placedAt: "yesterday",
      customer: { ...raw.customer, email: "not-an-email" },
      items: [{ ...raw.items[0], quantity: 0 }],
    };
    let caught: unknown;
    try {
      await ingest(bad);
    } catch (error) {
      caught = error;
    }
    expect(isAppError(caught) && caught.status).toBe(400);
    const fields = isAppError(caught) ? caught.fieldErrors : undefined;
    expect(Object.keys(fields ?? {}).sort()).toEqual(["currency", "customer.email", "items.0.quantity", "placedAt"]);
    expect(fields?.["items.0.quantity"]).toEqual(["Must be at least 1"]);
    expect(() => parseOrderPayload({ ...raw, items: [] })).toThrow();
    expect(await db().order.count()).toBe(before);
  });

  it("leaves no plaintext e-mail, name, phone, address or key in any column of any table", async () => {
    const secret = {
      email: "zelda.quartermaine@example.net",
      name: "Zelda Quartermaine",
      phone: "+1 555 0199 321",
      street: "742 Evergreen Terrace",
      key: "97531-86420-97531-86420",
    };
    const raw = sampleOrder({
      customer: {
        email: secret.email,
        name: secret.name,
        phone: secret.phone,
        address: { line1: secret.street, city: "Springfield", postalCode: "49007", country: "US" },
      },
      items: [
        { sku: "FONT-ALL", name: "FontFoundry Complete", quantity: 1, unitAmount: 8900, licenseKeys: [secret.key] },
      ],
    });
    await ingest(raw);
    await ingest({ ...raw, status: "refunded" });
    const provider = (await import("@/lib/env")).env().databaseProvider;
    const tables =
      provider === "sqlite"
        ? await db().$queryRawUnsafe<{ name: string }[]>(`SELECT name FROM sqlite_master WHERE type = 'table'`)
        : await db().$queryRawUnsafe<{ name: string }[]>(
            `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'`,
          );
    expect(tables.map((t) => t.name)).toContain("Order");
    let dump = "";
    for (const { name } of tables) {
      const rows = await db().$queryRawUnsafe<unknown[]>(`SELECT * FROM "${name}"`);
      dump += JSON.stringify(rows, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v)) + "\n";
    }
    expect(dump).toContain(licenseKeyIndex(secret.key));
    for (const value of [...Object.values(secret), "zelda", "Quartermaine", "Evergreen", "97531"]) {
      expect(dump.toLowerCase()).not.toContain(value.toLowerCase());
    }
  });
});
