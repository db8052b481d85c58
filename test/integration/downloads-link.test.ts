import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { hashToken } from "@/lib/crypto/tokens";
import { ingestOrder } from "@/lib/orders/ingest-order";
import { parseOrderPayload } from "@/lib/orders/schemas";
import { addProductFile } from "@/lib/products/add-product-file";
import { createDownloadLink } from "@/lib/downloads/create-download-link";
import { ZDownloadLinkRequest } from "@/lib/downloads/schemas";
import { getBuyerOrderPage } from "@/lib/orders/get-buyer-order-page";
import { sampleOrder } from "@/test/fixtures/order-payloads";
import type { TBuyerSession } from "@/lib/auth/types";
import type { TOrderPayloadInput } from "@/lib/orders/schemas";
import { meta, signedIn } from "../helpers/actors";

const SYSTEM = { type: "system", label: "test" } as const;
let studioFileId = "";
let backupFileId = "";

async function placeOrder(overrides: Partial<TOrderPayloadInput> = {}) {
  const payload = sampleOrder(overrides);
  const { orderId } = await ingestOrder(parseOrderPayload(payload), SYSTEM);
  const order = await db().order.findUniqueOrThrow({
    where: { id: orderId },
    select: { items: { orderBy: { position: "asc" }, select: { id: true } } },
  });
  const buyer = await signedIn(payload.customer.email);
  return { payload, orderId, buyer, itemIds: order.items.map((i) => i.id) };
}

function linkFor(buyer: TBuyerSession, orderItemId: string, productFileId = studioFileId) {
  return createDownloadLink(buyer, { orderItemId, productFileId }, meta());
}

beforeAll(async () => {
  await placeOrder(); // creates both products
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "keydesk-dl-"));
  const studio = path.join(dir, "PixelForgeStudio-Setup.exe");
  fs.writeFileSync(studio, randomBytes(4096));
  const backup = path.join(dir, "BackupHero.zip");
  fs.writeFileSync(backup, randomBytes(1024));
  studioFileId = (await addProductFile({ sku: "PIXF-STUDIO", filePath: studio, version: "3.2.1" })).id;
  backupFileId = (await addProductFile({ sku: "BKH-PRO", filePath: backup, version: "1.0" })).id;
  await db().product.update({ where: { sku: "PIXF-STUDIO" }, data: { downloadTtlHours: 48, downloadLimit: 3 } });
});

describe("createDownloadLink", () => {
  it("mints a fresh link for the buyer's own item, stores only the token's hash and audits it", async () => {
    const { buyer, itemIds } = await placeOrder();
    const before = Date.now();
    const link = await linkFor(buyer, itemIds[0]!);
    const token = link.url.split("/download/")[1]!;
    expect(link.url).toMatch(/^http:\/\/localhost:\d+\/download\/[A-Za-z0-9_-]{43}$/);
    expect(link.downloadsLeft).toBe(3);
    expect(link.expiresAt.getTime() - before).toBeGreaterThanOrEqual(48 * 3_600_000 - 1000);
    expect(link.expiresAt.getTime() - before).toBeLessThanOrEqual(48 * 3_600_000 + 5000);

    const grant = await db().downloadGrant.findUniqueOrThrow({ where: { tokenHash: hashToken(token) } });
    expect(grant).toMatchObject({
      orderItemId: itemIds[0],
      productFileId: studioFileId,
      customerId: buyer.customerId,
      maxDownloads: 3,
      downloadCount: 0,
      revokedAt: null,
    });
    const rows = await db().downloadGrant.findMany();
    expect(
      JSON.stringify(rows, (_key, value: unknown) => (typeof value === "bigint" ? String(value) : value)),
    ).not.toContain(token);

    const events = await db().auditEvent.findMany({ where: { action: "download.link_created", targetId: grant.id } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ customerId: buyer.customerId, actorType: "customer" });
    expect(JSON.stringify(events[0]!.metadata)).not.toContain(token);

    const second = await linkFor(buyer, itemIds[0]!);
    expect(second.url).not.toBe(link.url);
  });

  it("treats another buyer's item as not found, and refuses a file of another product or an inactive one", async () => {
    const ada = await placeOrder();
    const bob = await placeOrder({ customer: { email: "bob@example.net", name: "Bob" } });
    await expect(linkFor(bob.buyer, ada.itemIds[0]!)).rejects.toMatchObject({ code: "not_found" });
    await expect(linkFor(ada.buyer, bob.itemIds[0]!)).rejects.toMatchObject({ code: "not_found" });
    await expect(linkFor(ada.buyer, "no-such-item")).rejects.toMatchObject({ code: "not_found" });
    // A malformed id never reaches lib: the action's schema refuses it.
    expect(ZDownloadLinkRequest.safeParse({ orderItemId: "../../etc", productFileId: studioFileId }).success).toBe(
      false,
    );
    await expect(linkFor(ada.buyer, ada.itemIds[0]!, backupFileId)).rejects.toMatchObject({ code: "not_found" });
    expect((await linkFor(ada.buyer, ada.itemIds[1]!, backupFileId)).downloadsLeft).toBe(5);

    await db().productFile.update({ where: { id: backupFileId }, data: { active: false } });
    try {
      await expect(linkFor(ada.buyer, ada.itemIds[1]!, backupFileId)).rejects.toMatchObject({ code: "not_found" });
    } finally {
      await db().productFile.update({ where: { id: backupFileId }, data: { active: true } });
    }
    expect(await db().downloadGrant.count({ where: { customerId: bob.buyer.customerId } })).toBe(0);
  });

  it("refuses refunded items, refunded orders and items whose keys are all revoked", async () => {
    const partly = await placeOrder();
    await ingestOrder(
      parseOrderPayload({
        ...partly.payload,
        status: "partially_refunded",
        items: partly.payload.items.map((item, i) => (i === 1 ? { ...item, status: "refunded" } : item)),
      }),
      SYSTEM,
    );
    await expect(linkFor(partly.buyer, partly.itemIds[1]!, backupFileId)).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringMatching(/refunded/) as unknown,
    });
    expect((await linkFor(partly.buyer, partly.itemIds[0]!)).downloadsLeft).toBe(3);

    const whole = await placeOrder();
    await ingestOrder(parseOrderPayload({ ...whole.payload, status: "chargeback" }), SYSTEM);
    await expect(linkFor(whole.buyer, whole.itemIds[0]!)).rejects.toMatchObject({ code: "conflict" });

    const revoked = await placeOrder();
    await db().licenseKey.updateMany({
      where: { orderItemId: revoked.itemIds[0] },
      data: { status: "revoked", revokedAt: new Date() },
    });
    await expect(linkFor(revoked.buyer, revoked.itemIds[0]!)).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringMatching(/revoked/) as unknown,
    });

    const downloads = (await getBuyerOrderPage(partly.buyer, { orderId: partly.orderId })).downloads;
    expect(downloads.map((d) => [d.orderItemId, d.unavailableReason, d.files.map((f) => f.fileId)])).toEqual([
      [partly.itemIds[0], null, [studioFileId]],
      [partly.itemIds[1], "item_refunded", []],
    ]);
    expect(
      (await getBuyerOrderPage(whole.buyer, { orderId: whole.orderId })).downloads.map((d) => d.unavailableReason),
    ).toEqual(["order_refunded", "order_refunded"]);
    expect(
      (await getBuyerOrderPage(revoked.buyer, { orderId: revoked.orderId })).downloads.map((d) => d.unavailableReason),
    ).toEqual(["keys_revoked", null]);
  });

  it("rate-limits link creation per buyer", async () => {
    const { buyer, itemIds } = await placeOrder({ customer: { email: "busy@example.org", name: "Busy" } });
    for (let i = 0; i < 30; i++) await linkFor(buyer, itemIds[0]!);
    await expect(linkFor(buyer, itemIds[0]!)).rejects.toMatchObject({ code: "rate_limited" });
  });
});

describe("the downloads of the order page", () => {
  it("lists each item's active files with size and SHA-256, only for the order's owner", async () => {
    const ada = await placeOrder();
    const bob = await placeOrder({ customer: { email: "bob@example.net", name: "Bob" } });
    const { downloads } = await getBuyerOrderPage(ada.buyer, { orderId: ada.orderId });
    expect(downloads).toHaveLength(2);
    expect(downloads[0]).toEqual({
      orderItemId: ada.itemIds[0],
      unavailableReason: null,
      files: [
        {
          fileId: studioFileId,
          fileName: "PixelForgeStudio-Setup.exe",
          version: "3.2.1",
          size: 4096,
          sha256: expect.stringMatching(/^[0-9a-f]{64}$/) as unknown,
        },
      ],
    });
    await expect(getBuyerOrderPage(bob.buyer, { orderId: ada.orderId })).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(getBuyerOrderPage(ada.buyer, { orderId: "nope" })).rejects.toMatchObject({
      code: "not_found",
    });
  });
});
