import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createHash, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { ingestOrder } from "@/lib/orders/ingest-order";
import { parseOrderPayload } from "@/lib/orders/schemas";
import { addProductFile } from "@/lib/products/add-product-file";
import { listProducts } from "@/lib/products/list-products";
import { sampleOrder } from "@/test/fixtures/order-payloads";
import { givenAgent } from "../helpers/actors";

describe("addProductFile", () => {
  it("stores a copy with its size and SHA-256, idempotently, and refuses changed contents or unknown SKUs", async () => {
    await ingestOrder(parseOrderPayload(sampleOrder()), { type: "system", label: "test" });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "keydesk-file-"));
    const source = path.join(dir, "PixelForgeStudio-Setup.exe");
    const bytes = randomBytes(300_000);
    fs.writeFileSync(source, bytes);

    const added = await addProductFile({ sku: "PIXF-STUDIO", filePath: source, version: "3.2.1" });
    expect(added).toMatchObject({
      result: "created",
      fileName: "PixelForgeStudio-Setup.exe",
      version: "3.2.1",
      size: 300_000,
      sha256: createHash("sha256").update(bytes).digest("hex"),
      contentType: "application/vnd.microsoft.portable-executable",
    });
    const row = await db().productFile.findUniqueOrThrow({ where: { id: added.id } });
    const stored = path.join(env().dataDir, "files", row.storagePath);
    expect(row.size).toBe(300_000n);
    expect(fs.readFileSync(stored).equals(bytes)).toBe(true);
    expect(fs.statSync(stored).mode & 0o777).toBe(0o600);
    expect(row.storagePath).not.toContain("PixelForge");

    const again = await addProductFile({ sku: "PIXF-STUDIO", filePath: source, version: "3.2.1" });
    expect(again).toMatchObject({ result: "unchanged", id: added.id });
    expect(fs.readdirSync(path.join(env().dataDir, "files"))).toHaveLength(1);

    fs.writeFileSync(source, "changed");
    await expect(addProductFile({ sku: "PIXF-STUDIO", filePath: source, version: "3.2.1" })).rejects.toMatchObject({
      code: "conflict",
    });
    expect((await addProductFile({ sku: "PIXF-STUDIO", filePath: source, version: "3.2.2" })).result).toBe("created");
    await expect(addProductFile({ sku: "NOPE", filePath: source })).rejects.toMatchObject({ code: "not_found" });
    await expect(addProductFile({ sku: "PIXF-STUDIO", filePath: path.join(dir, "missing.zip") })).rejects.toMatchObject(
      { code: "invalid_input" },
    );
    expect(fs.readdirSync(path.join(env().dataDir, "files"))).toHaveLength(2);

    const products = await listProducts(await givenAgent("admin"));
    const pixel = products.find((p) => p.sku === "PIXF-STUDIO");
    expect(pixel?.files.map((f) => [f.version, f.size])).toEqual([
      ["3.2.2", 7],
      ["3.2.1", 300_000],
    ]);
    expect(pixel?.refundWindowDays).toBe(30);
  });
});
