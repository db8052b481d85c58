import { ENC } from "@/lib/crypto/contexts";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { decrypt } from "@/lib/crypto/encryption";
import { emailIndex } from "@/lib/crypto/blind-index";
import { importOrders } from "@/lib/orders/import-orders";
import { run as runImportCommand } from "@/scripts/cli/orders-import";

const FIXTURES = path.resolve(import.meta.dirname, "../fixtures");

describe("importOrders", () => {
  it("imports CSV row groups and reports rejected orders with line numbers and columns", async () => {
    const report = await importOrders(path.join(FIXTURES, "orders-import.csv"));
    expect(report).toMatchObject({ created: 2, updated: 0, unchanged: 0, rejected: 3 });
    expect(report.rejects.map((r) => r.line)).toEqual([4, 7, 8]);
    expect(Object.keys(report.rejects[0]?.errors ?? {}).sort()).toEqual(["email", "quantity"]);
    expect(report.rejects[1]?.errors._?.[0]).toMatch(/consecutive.*line 2/);
    expect(report.rejects[2]?.errors.unitAmount?.[0]).toMatch(/minor units/);

    const fs1001 = await db().order.findUniqueOrThrow({
      where: { source_externalId: { source: "fastspring", externalId: "FS-1001" } },
      include: { items: { orderBy: { position: "asc" }, include: { keys: true } }, customer: true },
    });
    expect(fs1001.items.map((i) => [i.sku, i.quantity, i.keys.length])).toEqual([
      ["PIXF-STUDIO", 1, 1],
      ["BKH-PRO", 2, 2],
    ]);
    expect(fs1001.totalAmount).toBe(4900 + 2 * 2995);
    expect(fs1001.customer.newsletter).toBe(true);
    expect(decrypt(fs1001.billingAddrEnc ?? "", ENC.orderBillingAddress)).toContain("88 Harbor Street");

    const si77 = await db().order.findUniqueOrThrow({
      where: { source_externalId: { source: "shareit", externalId: "SI-77" } },
      include: { items: { orderBy: { position: "asc" }, include: { keys: true } } },
    });
    expect(decrypt(si77.billingNameEnc ?? "", ENC.orderBillingName)).toBe("Weber, Jonas");
    expect(si77.placedAt.toISOString()).toBe("2026-10-04T10:00:00.000Z");
    expect(si77.items.map((i) => [i.status, i.keys[0]?.status])).toEqual([
      ["paid", "active"],
      ["refunded", "revoked"],
    ]);
    expect(await db().order.count({ where: { externalId: { in: ["FS-1002", "PD-5"] } } })).toBe(0);

    const again = await importOrders(path.join(FIXTURES, "orders-import.csv"));
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 2, rejected: 3 });
  });

  it("imports JSON Lines, skipping blank lines and reporting bad ones by number", async () => {
    const report = await importOrders(path.join(FIXTURES, "orders-import.jsonl"));
    expect(report).toMatchObject({ created: 2, updated: 0, unchanged: 0, rejected: 2 });
    expect(report.rejects).toEqual([
      { line: 3, errors: { _: ["Not valid JSON (one order per line expected)"] } },
      { line: 4, errors: { "customer.name": ["This field is required"], "items.0.quantity": ["Must be at least 1"] } },
    ]);
    expect(await db().order.count({ where: { emailHash: emailIndex("OLIVER.PRICE@example.co.uk") } })).toBe(1);
  });

  it("runs as a CLI command that fails with a one-line summary when lines were rejected", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "keydesk-import-"));
    const good = path.join(dir, "good.ndjson");
    const line = fs.readFileSync(path.join(FIXTURES, "orders-import.jsonl"), "utf8").split("\n")[4] ?? "";
    fs.writeFileSync(good, line.replace("PD-9004", "PD-9005") + "\n");
    await expect(runImportCommand([good])).resolves.toBeUndefined();
    expect(await db().order.count({ where: { externalId: "PD-9005" } })).toBe(1);
    await expect(runImportCommand([path.join(FIXTURES, "orders-import.jsonl")])).rejects.toThrow(
      /2 order\(s\) rejected/,
    );
    await expect(runImportCommand([path.join(dir, "orders.xlsx")])).rejects.toThrow(/No such file/);
    fs.writeFileSync(path.join(dir, "orders.txt"), "x");
    await expect(importOrders(path.join(dir, "orders.txt"))).rejects.toThrow(/use \.csv, \.jsonl or \.ndjson/);
    fs.writeFileSync(path.join(dir, "bad-header.csv"), "source,externalId,number\nx,y,z\n");
    await expect(importOrders(path.join(dir, "bad-header.csv"))).rejects.toThrow(/missing the column\(s\): placedAt/);
  });
});
