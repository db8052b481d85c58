import fs from "node:fs";
import path from "node:path";
import { createHash, randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ENC } from "@/lib/crypto/contexts";
import { decrypt } from "@/lib/crypto/encryption";
import { env } from "@/lib/env";
import { parseOrThrow } from "@/lib/errors";
import { ingestOrder } from "@/lib/orders/ingest-order";
import { parseOrderPayload } from "@/lib/orders/schemas";
import { listProducts } from "@/lib/products/list-products";
import { setProductFileActive } from "@/lib/products/set-product-file-active";
import { updateProduct } from "@/lib/products/update-product";
import { uploadProductFile } from "@/lib/products/upload-product-file";
import {
  ZUpdateProductInput,
  ZUploadFileQuery,
  type TUpdateProductInput,
  type TUploadProductFileInput,
} from "@/lib/products/schemas";
import { createDownloadLink } from "@/lib/downloads/create-download-link";
import { sampleOrder } from "@/test/fixtures/order-payloads";
import type { TAdminSession, TAgentSession } from "@/lib/auth/types";
import { errorOf, givenAgent, meta, signedIn } from "../helpers/actors";

let ADMIN: TAdminSession;
let AGENT: TAgentSession;
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

function upload(bytes: Buffer, overrides: Partial<TUploadProductFileInput> = {}, actor: TAgentSession = ADMIN) {
  return uploadProductFile(
    actor,
    {
      productId,
      name: "BackupHero-Setup.zip",
      version: "2.0",
      declaredSize: bytes.length,
      body: streamOf(bytes),
      ...overrides,
    },
    meta(),
  );
}

/** The settings form's fields as the action's wrapper parses them. */
function settingsForm(id: string, values: Record<string, string>): TUpdateProductInput {
  return parseOrThrow<TUpdateProductInput>(ZUpdateProductInput, { productId: id, ...values });
}

/** The upload route's query string as its wrapper parses it. */
function uploadQuery(query: Record<string, string>) {
  return parseOrThrow<{ name: string; version: string }>(ZUploadFileQuery, query);
}

beforeAll(async () => {
  ADMIN = await givenAgent("admin");
  AGENT = await givenAgent("agent");
  await ingestOrder(parseOrderPayload(sampleOrder()), { type: "system", label: "test" });
  productId = (await db().product.findUniqueOrThrow({ where: { sku: "BKH-PRO" } })).id;
});

describe("listProducts", () => {
  it("lists products with their files for admins only", async () => {
    const products = await listProducts(ADMIN);
    expect(products.find((p) => p.id === productId)).toMatchObject({ sku: "BKH-PRO", refundWindowDays: 30 });
    expect((await errorOf(listProducts(AGENT))).code).toBe("forbidden");
  });
});

describe("updateProduct", () => {
  it("validates, saves and audits the refund window and download rules; admins only", async () => {
    const saved = await updateProduct(
      ADMIN,
      settingsForm(productId, { refundWindowDays: "14", downloadTtlHours: "72", downloadLimit: "10" }),
      meta({ ip: "198.51.100.77", userAgent: "admin-browser" }),
    );
    expect(saved).toEqual({ refundWindowDays: 14, downloadTtlHours: 72, downloadLimit: 10 });
    expect(await db().product.findUniqueOrThrow({ where: { id: productId } })).toMatchObject(saved);
    const event = await db().auditEvent.findFirstOrThrow({ where: { action: "product.updated", targetId: productId } });
    expect(event).toMatchObject({
      actorId: ADMIN.agentId,
      userAgent: "admin-browser",
      metadata: { refundWindowDays: "30->14", downloadTtlHours: "24->72", downloadLimit: "5->10" },
    });
    expect(decrypt(event.ipEnc ?? "", ENC.auditIp)).toBe("198.51.100.77");

    // The form's values are checked by the schema the action's wrapper parses with.
    const invalid = await errorOf(
      Promise.resolve().then(() =>
        settingsForm(productId, { refundWindowDays: "-1", downloadTtlHours: "0", downloadLimit: "1.5" }),
      ),
    );
    expect(invalid).toMatchObject({
      code: "invalid_input",
      fieldErrors: {
        refundWindowDays: [expect.any(String) as unknown],
        downloadTtlHours: [expect.any(String) as unknown],
        downloadLimit: [expect.any(String) as unknown],
      },
    });
    const notANumber = await errorOf(
      Promise.resolve().then(() =>
        settingsForm(productId, { refundWindowDays: "abc", downloadTtlHours: "24", downloadLimit: "5" }),
      ),
    );
    expect(notANumber.code).toBe("invalid_input");
    expect((await errorOf(updateProduct(AGENT, { ...saved, productId }, meta()))).code).toBe("forbidden");
    expect((await errorOf(updateProduct(ADMIN, { ...saved, productId: "missing" }, meta()))).code).toBe("not_found");
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
      contentType: "application/zip",
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
    // Name and version come in the query string, checked by the schema the route's wrapper parses with.
    const query = (values: Record<string, string>) => errorOf(Promise.resolve().then(() => uploadQuery(values)));
    expect(await query({ name: "../evil.sh", version: "2.0" })).toMatchObject({
      code: "invalid_input",
      fieldErrors: { name: [expect.any(String) as unknown] },
    });
    expect((await query({ name: ".htaccess" })).code).toBe("invalid_input");
    expect((await query({ version: "1.0" })).fieldErrors?.name).toBeDefined();
    expect(await query({ name: "Setup.zip", version: "1 0" })).toMatchObject({
      code: "invalid_input",
      fieldErrors: { version: [expect.any(String) as unknown] },
    });
    // No or an empty version is the default one.
    expect(uploadQuery({ name: " Setup.zip ", version: "" })).toEqual({ name: "Setup.zip", version: "1.0" });
    expect(uploadQuery({ name: "Setup.zip" }).version).toBe("1.0");

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
    await expect(upload(bytes, {}, AGENT)).rejects.toMatchObject({ code: "forbidden" });
    await expect(upload(bytes, { productId: "missing" })).rejects.toMatchObject({ code: "not_found" });
    expect(fs.readdirSync(path.join(env().dataDir, "uploads"))).toEqual([]);
    const versions = (await listProducts(ADMIN)).find((p) => p.id === productId)?.files.map((f) => f.version);
    expect(versions).toEqual(["2.0"]);
  });
});

describe("setProductFileActive", () => {
  it("withdraws a file from buyers and offers it again, audited; admins only", async () => {
    const file = await upload(randomBytes(2000), { version: "3.0" });
    const order = await db().order.findFirstOrThrow({
      select: { items: { where: { productId }, select: { id: true } } },
    });
    const buyer = await signedIn("ada.lovelace@example.com");
    const link = () => createDownloadLink(buyer, { orderItemId: order.items[0]!.id, productFileId: file.id }, meta());

    await setProductFileActive(ADMIN, { fileId: file.id, active: false }, meta());
    await expect(link()).rejects.toMatchObject({ code: "not_found" });
    await setProductFileActive(ADMIN, { fileId: file.id, active: true }, meta());
    expect((await link()).downloadsLeft).toBe(10);
    const events = await db().auditEvent.findMany({
      where: { targetId: file.id, action: { not: "product_file.uploaded" } },
      select: { action: true },
    });
    expect(events.map((e) => e.action).sort()).toEqual(["product_file.activated", "product_file.deactivated"]);
    expect((await errorOf(setProductFileActive(AGENT, { fileId: file.id, active: false }, meta()))).code).toBe(
      "forbidden",
    );
    expect((await errorOf(setProductFileActive(ADMIN, { fileId: "missing", active: false }, meta()))).code).toBe(
      "not_found",
    );
  });
});
