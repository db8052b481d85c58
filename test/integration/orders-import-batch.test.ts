// The batched import (lib/orders/ingest-order-batch.ts) must store exactly what `ingestOrder` stores
// one order at a time, and an interrupted import must resume without duplicating anything.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ENC } from "@/lib/crypto/contexts";
import { db } from "@/lib/db";
import { decrypt } from "@/lib/crypto/encryption";
import { emailIndex, licenseKeyIndex } from "@/lib/crypto/blind-index";
import { importOrders } from "@/lib/orders/import-orders";
import { ingestOrder } from "@/lib/orders/ingest-order";

const ROOT = path.resolve(import.meta.dirname, "../..");
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "keydesk-import-batch-"));

function order(externalId: string, overrides: Record<string, unknown> = {}) {
  return {
    source: "batch-test",
    externalId,
    number: externalId,
    placedAt: "2026-03-01T10:00:00Z",
    status: "paid",
    currency: "EUR",
    customer: { email: "ana.lima@example.com", name: "Ana Lima" },
    items: [
      { sku: "BATCH-SKU", name: "Batch Product", quantity: 1, unitAmount: 1000, licenseKeys: [`KEY-${externalId}`] },
    ],
    ...overrides,
  };
}

describe("importOrders in batches", () => {
  it("stores what one-at-a-time intake stores: customers filled in file order, repeats as updates, refunds revoked", async () => {
    // A customer known before the import (no phone yet), through the usual intake.
    await ingestOrder(
      {
        ...order("B-0", { customer: { email: "Known@Example.com", name: "Known Buyer" } }),
        placedAt: "2026-01-01T10:00:00Z",
      } as never,
      { type: "system", label: "test" },
    );
    const lines = [
      // New customer: first order without phone, the second fills it in; the newsletter choice of
      // the newer order wins, that of an older one does not.
      order("B-1", { customer: { email: "ana.lima@example.com", name: "Ana Lima", newsletter: true } }),
      order("B-2", {
        placedAt: "2026-02-01T10:00:00Z",
        customer: { email: "ANA.LIMA@example.com", name: "Other Name", phone: "+351 912 345 678", newsletter: false },
      }),
      // The known customer gets a phone; an item is refunded: its key is stored revoked.
      order("B-3", {
        customer: { email: "known@example.com", name: "Ignored", phone: "+49 30 1234567" },
        items: [
          { sku: "BATCH-SKU", name: "Batch Product", quantity: 1, unitAmount: 1000, licenseKeys: ["KEY-B-3a"] },
          {
            sku: "BATCH-NEW",
            name: "New Product",
            quantity: 2,
            unitAmount: 500,
            status: "refunded",
            licenseKeys: ["KEY-B-3b", "key-b-3b", "KEY-B-3c"],
          },
        ],
      }),
      // The same order again in the same batch, now refunded: an update, not a second order.
      order("B-1", { status: "refunded" }),
    ];
    const dir = tmp();
    const file = path.join(dir, "orders.jsonl");
    fs.writeFileSync(file, lines.map((l) => JSON.stringify(l)).join("\n") + "\n");

    const report = await importOrders(file);
    expect(report).toMatchObject({ created: 3, updated: 1, unchanged: 0, rejected: 0, interrupted: false });

    const ana = await db().customer.findUniqueOrThrow({ where: { emailHash: emailIndex("ana.lima@example.com") } });
    expect(decrypt(ana.nameEnc ?? "", ENC.customerName)).toBe("Ana Lima");
    expect(decrypt(ana.phoneEnc ?? "", ENC.customerPhone)).toBe("+351 912 345 678");
    expect([ana.newsletter, ana.newsletterAt?.toISOString()]).toEqual([true, "2026-03-01T10:00:00.000Z"]);
    const known = await db().customer.findUniqueOrThrow({ where: { emailHash: emailIndex("known@example.com") } });
    expect(decrypt(known.nameEnc ?? "", ENC.customerName)).toBe("Known Buyer");
    expect(decrypt(known.phoneEnc ?? "", ENC.customerPhone)).toBe("+49 30 1234567");

    const b1 = await db().order.findUniqueOrThrow({
      where: { source_externalId: { source: "batch-test", externalId: "B-1" } },
      include: { items: { include: { keys: true } } },
    });
    expect(b1.status).toBe("refunded");
    expect(b1.placedAt.toISOString()).toBe("2026-03-01T10:00:00.000Z");
    expect(b1.items[0]?.keys.map((k) => k.status)).toEqual(["revoked"]);
    expect(decrypt(b1.emailEnc, ENC.orderEmail)).toBe("ana.lima@example.com");

    const b3 = await db().order.findUniqueOrThrow({
      where: { source_externalId: { source: "batch-test", externalId: "B-3" } },
      include: { items: { orderBy: { position: "asc" }, include: { keys: { orderBy: { position: "asc" } } } } },
    });
    expect(b3.customerId).toBe(known.id);
    expect(b3.totalAmount).toBe(2000);
    expect(b3.items.map((i) => [i.sku, i.status, i.keys.map((k) => [k.status, k.revokedReason])])).toEqual([
      ["BATCH-SKU", "paid", [["active", null]]],
      [
        "BATCH-NEW",
        "refunded",
        [
          ["revoked", "refunded"],
          ["revoked", "refunded"],
        ],
      ],
    ]);
    const keys = b3.items[1]?.keys ?? [];
    expect(keys.map((k) => decrypt(k.keyEnc, ENC.licenseKeyValue))).toEqual(["KEY-B-3b", "KEY-B-3c"]);
    expect(keys[0]?.keyHash).toBe(licenseKeyIndex("key-b-3b"));
    expect(await db().product.count({ where: { sku: "BATCH-NEW" } })).toBe(1);

    const created = await db().auditEvent.findMany({ where: { action: "order.created", actorType: "system" } });
    expect(created).toHaveLength(4);
    expect(created.find((e) => e.targetId === b3.id)?.metadata).toMatchObject({
      via: "import",
      items: 2,
      itemsCreated: 2,
      keysAdded: 3,
    });

    const again = await importOrders(file);
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 4, rejected: 0 });
    expect(await db().order.count({ where: { source: "batch-test" } })).toBe(4);
  });

  it("stops cleanly on SIGINT with the committed batches kept, and a re-run continues without duplicates", async () => {
    const dir = tmp();
    const file = path.join(dir, "many.jsonl");
    const total = 12_000;
    const out = fs.createWriteStream(file);
    for (let j = 0; j < total; j++) {
      out.write(
        JSON.stringify(
          order(`S-${j}`, {
            source: "sigint-test",
            customer: { email: `sigint${Math.floor(j / 2)}@example.com`, name: `Buyer ${j}` },
          }),
        ) + "\n",
      );
    }
    await new Promise<void>((resolve) => out.end(resolve));
    const count = () => db().order.count({ where: { source: "sigint-test" } });
    const customersBefore = await db().customer.count();
    const auditBefore = await db().auditEvent.count({ where: { action: "order.created" } });

    const cli = () => {
      const child = spawn(
        process.execPath,
        ["--import", "tsx", "--conditions=react-server", "scripts/keydesk.ts", "orders:import", file],
        { cwd: ROOT, env: process.env, stdio: ["ignore", "pipe", "pipe"] },
      );
      let output = "";
      child.stdout.on("data", (c: Buffer) => (output += c.toString("utf8")));
      child.stderr.on("data", (c: Buffer) => (output += c.toString("utf8")));
      const exit = new Promise<number>((resolve) => child.once("close", (code) => resolve(code ?? -1)));
      return { child, exit, output: () => output };
    };

    const first = cli();
    const deadline = Date.now() + 90_000;
    while ((await count()) === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    first.child.kill("SIGINT");
    expect(await first.exit).toBe(1);
    const stopped = /Stopped many\.jsonl after line (\d+): (\d+) created/.exec(first.output());
    expect(stopped, first.output()).not.toBeNull();
    expect(first.output()).toMatch(/Run the same command again to continue/);
    const committed = await count();
    expect(committed).toBeGreaterThan(0);
    expect(committed).toBeLessThan(total);
    // Every order up to the line it names is stored, none after it.
    expect(Number(stopped?.[1])).toBe(committed);
    expect(Number(stopped?.[2])).toBe(committed);

    const second = cli();
    expect(await second.exit, second.output()).toBe(0);
    expect(second.output()).toContain(`${total - committed} created, 0 updated, ${committed} unchanged, 0 rejected`);
    expect(await count()).toBe(total);
    expect(await db().licenseKey.count({ where: { orderItem: { order: { source: "sigint-test" } } } })).toBe(total);
    expect(await db().customer.count()).toBe(customersBefore + total / 2);
    expect(await db().auditEvent.count({ where: { action: "order.created" } })).toBe(auditBefore + total);
  }, 240_000);
});
