import fs from "node:fs";
import path from "node:path";
import { createHash, randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { ingestOrder } from "@/lib/orders/ingest-order";
import { parseOrderPayload } from "@/lib/orders/schemas";
import { listProducts } from "@/lib/products/list-products";
import { setProductFileActive } from "@/lib/products/set-product-file-active";
import { updateProduct } from "@/lib/products/update-product";
import { uploadProductFile } from "@/lib/products/upload-product-file";
import { createDownloadLink } from "@/lib/downloads/create-download-link";
import { sampleOrder } from "@/test/fixtures/order-payloads";
import type { TAgentSession } from "@/lib/auth/types";

const ADMIN: TAgentSession = {
  sessionId: "s1",
  agentId: "admin-1",
  name: "Admin",
  email: "admin@example.com",
  role: "admin",
};
const AGENT: TAgentSession = { ...ADMIN, agentId: "agent-1", role: "agent" };
let productId = "";

function streamOf(bytes: Buffer, chunk = 64 * 1024): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(new Uint8Array(bytes.subarray(offset, offset + chunk)));
      offset += chunk;
    },
  });
}

function upload(bytes: Buffer, overrides: Partial<Parameters<typeof uploadProductFile>[0]> = {}) {
  return uploadProductFile({
    admin: ADMIN,
    productId,
    fileName: "BackupHero-Setup.zip",
    version: "2.0",
    declaredSize: bytes.length,
    body: streamOf(bytes),
    ...overrides,
  });
}

beforeAll(async () => {
  await ingestOrder(parseOrderPayload(sampleOrder()), { type: "system", label: "test" });
  productId = (await db().product.findUniqueOrThrow({ where: { sku: "BKH-PRO" } })).id;
});

describe("updateProduct", () => {
  it("validates, saves and audits the refund window and download rules; admins only", async () => {
    const saved = await updateProduct({
      admin: ADMIN,
      productId,
      settings: { refundWindowDays: "14", downloadTtlHours: "72", downloadLimit: "10" },
    });
    expect(saved).toEqual({ refundWindowDays: 14, downloadTtlHours: 72, downloadLimit: 10 });
    expect(await db().product.findUniqueOrThrow({ where: { id: productId } })).toMatchObject(saved);
    const event = await db().auditEvent.findFirstOrThrow({ where: { action: "product.updated", targetId: productId } });
    expect(event).toMatchObject({
      actorId: "admin-1",
      metadata: { refundWindowDays: "30->14", downloadTtlHours: "24->72", downloadLimit: "5->10" },
    });

    await expect(
      updateProduct({
        admin: ADMIN,
        productId,
        settings: { refundWindowDays: "-1", downloadTtlHours: "0", downloadLimit: "1.5" },
      }),
    ).rejects.toMatchObject({
      code: "invalid_input",
      fieldErrors: {
        refundWindowDays: [expect.any(String) as unknown],
        downloadTtlHours: [expect.any(String) as unknown],
        downloadLimit: [expect.any(String) as unknown],
      },
    });
    await expect(
      updateProduct({
        admin: ADMIN,
        productId,
        settings: { refundWindowDays: "abc", downloadTtlHours: "24", downloadLimit: "5" },
      }),
    ).rejects.toMatchObject({ code: "invalid_input" });
    await expect(updateProduct({ admin: AGENT, productId, settings: saved })).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(updateProduct({ admin: ADMIN, productId: "missing", settings: saved })).rejects.toMatchObject({
      code: "not_found",
    });
    expect(await db().product.findUniqueOrThrow({ where: { id: productId } })).toMatchObject(saved);
  });
});

describe("uploadProductFile", () => {
  it("streams an upload to disk, registers it like the CLI and audits it", async () => {
    const bytes = randomBytes(300_000);
    const file = await upload(bytes);
    expect(file).toMatchObject({
      result: "created",
      fileName: "BackupHero-Setup.zip",
      version: "2.0",
      size: 300_000,
      sha256: createHash("sha256").update(bytes).digest("hex"),
    });
    const row = await db().productFile.findUniqueOrThrow({ where: { id: file.id } });
    expect(fs.readFileSync(path.join(env().dataDir, "files", row.storagePath)).equals(bytes)).toBe(true);
    expect(fs.readdirSync(path.join(env().dataDir, "uploads"))).toEqual([]);
    expect(await db().auditEvent.count({ where: { action: "product_file.uploaded", targetId: file.id } })).toBe(1);
    expect((await upload(bytes)).result).toBe("unchanged");
    await expect(upload(randomBytes(10))).rejects.toMatchObject({ code: "conflict" });
  });

  it("refuses bad names and versions, wrong lengths, non-admins and unknown products, leaving nothing behind", async () => {
    const bytes = randomBytes(1000);
    await expect(upload(bytes, { fileName: "../evil.sh" })).rejects.toMatchObject({
      code: "invalid_input",
      fieldErrors: { name: [expect.any(String) as unknown] },
    });
    await expect(upload(bytes, { fileName: ".htaccess" })).rejects.toMatchObject({ code: "invalid_input" });
    await expect(upload(bytes, { version: "1 0" })).rejects.toMatchObject({
      code: "invalid_input",
      fieldErrors: { version: [expect.any(String) as unknown] },
    });
    await expect(upload(bytes, { declaredSize: null })).rejects.toMatchObject({ code: "invalid_input" });
    await expect(upload(bytes, { declaredSize: 0 })).rejects.toMatchObject({ code: "invalid_input" });
    await expect(upload(bytes, { declaredSize: 3 * 1024 ** 3 })).rejects.toMatchObject({ code: "payload_too_large" });
    await expect(upload(bytes, { declaredSize: 500, version: "9.1" })).rejects.toMatchObject({
      code: "invalid_input",
      message: expect.stringMatching(/larger/) as unknown,
    });
    await expect(upload(bytes, { declaredSize: 2000, version: "9.2" })).rejects.toMatchObject({
      code: "invalid_input",
      message: expect.stringMatching(/incomplete/) as unknown,
    });
    await expect(upload(bytes, { admin: AGENT })).rejects.toMatchObject({ code: "forbidden" });
    await expect(upload(bytes, { productId: "missing" })).rejects.toMatchObject({ code: "not_found" });
    expect(fs.readdirSync(path.join(env().dataDir, "uploads"))).toEqual([]);
    const versions = (await listProducts()).find((p) => p.id === productId)?.files.map((f) => f.version);
    expect(versions).toEqual(["2.0"]);
  });
});

describe("setProductFileActive", () => {
  it("withdraws a file from buyers and offers it again, audited; admins only", async () => {
    const file = await upload(randomBytes(2000), { version: "3.0" });
    const order = await db().order.findFirstOrThrow({
      select: { customerId: true, items: { where: { productId }, select: { id: true } } },
    });
    const buyer = { sessionId: "b", customerId: order.customerId, email: "ada@example.com" };
    const link = () => createDownloadLink({ buyer, orderItemId: order.items[0]!.id, productFileId: file.id });

    await setProductFileActive({ admin: ADMIN, fileId: file.id, active: false });
    await expect(link()).rejects.toMatchObject({ code: "not_found" });
    await setProductFileActive({ admin: ADMIN, fileId: file.id, active: true });
    expect((await link()).downloadsLeft).toBe(10);
    const events = await db().auditEvent.findMany({
      where: { targetId: file.id, action: { not: "product_file.uploaded" } },
      select: { action: true },
    });
    expect(events.map((e) => e.action).sort()).toEqual(["product_file.activated", "product_file.deactivated"]);
    await expect(setProductFileActive({ admin: AGENT, fileId: file.id, active: false })).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(setProductFileActive({ admin: ADMIN, fileId: "missing", active: false })).rejects.toMatchObject({
      code: "not_found",
    });
  });
});
