import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createHash, randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { hashToken } from "@/lib/crypto/tokens";
import { ingestOrder } from "@/lib/orders/ingest-order";
import { parseOrderPayload } from "@/lib/orders/schemas";
import { addProductFile } from "@/lib/products/add-product-file";
import { createDownloadLink } from "@/lib/downloads/create-download-link";
import { countDownload, openDownload } from "@/lib/downloads/open-download";
import { GET, HEAD } from "@/app/download/[token]/route";
import { sampleOrder } from "@/test/fixtures/order-payloads";
import { meta, signedIn } from "../helpers/actors";

const SYSTEM = { type: "system", label: "test" } as const;
const FILE_NAME = "PixelForge Studio “Pro” – Setup.exe";
const BYTES = randomBytes(200_000);
const SHA256 = createHash("sha256").update(BYTES).digest("hex");
let fileId = "";

async function newLink() {
  const payload = sampleOrder();
  const { orderId } = await ingestOrder(parseOrderPayload(payload), SYSTEM);
  const order = await db().order.findUniqueOrThrow({
    where: { id: orderId },
    select: { items: { orderBy: { position: "asc" }, select: { id: true } } },
  });
  const buyer = await signedIn(payload.customer.email);
  const itemId = order.items[0]!.id;
  const link = await createDownloadLink(buyer, { orderItemId: itemId, productFileId: fileId }, meta());
  const token = link.url.split("/download/")[1]!;
  const grant = await db().downloadGrant.findUniqueOrThrow({ where: { tokenHash: hashToken(token) } });
  return { payload, itemId, token, grant, buyer };
}

/** A request to the real route handler (`fileRoute` → `serveDownload`), as Next.js would make it. */
function get(token: string, headers: Record<string, string> = {}, method: "GET" | "HEAD" = "GET") {
  const request = new Request(`http://localhost/download/${encodeURIComponent(token)}`, { method, headers });
  return (method === "GET" ? GET : HEAD)(request, { params: Promise.resolve({ token }) });
}

async function body(response: Response): Promise<Buffer> {
  return Buffer.from(await response.arrayBuffer());
}

function reasonOf(response: Response): string | null {
  expect(response.status).toBe(303);
  return new URL(response.headers.get("location")!).searchParams.get("reason");
}

beforeAll(async () => {
  await ingestOrder(parseOrderPayload(sampleOrder()), SYSTEM);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "keydesk-serve-"));
  const source = path.join(dir, FILE_NAME);
  fs.writeFileSync(source, BYTES);
  fileId = (await addProductFile({ sku: "PIXF-STUDIO", filePath: source, version: "3.2.1" })).id;
});

describe("serveDownload", () => {
  it("streams the whole file with safe headers and counts it", async () => {
    const { token, grant } = await newLink();
    const response = await get(token);
    expect(response.status).toBe(200);
    expect((await body(response)).equals(BYTES)).toBe(true);
    const h = response.headers;
    expect(h.get("content-length")).toBe("200000");
    expect(h.get("content-type")).toBe("application/vnd.microsoft.portable-executable");
    expect(h.get("accept-ranges")).toBe("bytes");
    expect(h.get("etag")).toBe(`"${SHA256}"`);
    expect(h.get("cache-control")).toBe("private, no-store");
    expect(h.get("x-content-type-options")).toBe("nosniff");
    expect(h.get("repr-digest")).toBe(`sha-256=:${Buffer.from(SHA256, "hex").toString("base64")}:`);
    expect(h.get("content-disposition")).toBe(
      `attachment; filename="PixelForge Studio _Pro_ _ Setup.exe"; filename*=UTF-8''PixelForge%20Studio%20%E2%80%9CPro%E2%80%9D%20%E2%80%93%20Setup.exe`,
    );
    const after = await db().downloadGrant.findUniqueOrThrow({ where: { id: grant.id } });
    expect(after.downloadCount).toBe(1);
    const events = await db().auditEvent.findMany({ where: { action: "download.started", targetId: grant.id } });
    expect(events).toHaveLength(1);
    expect(events[0]!.customerId).toBe(grant.customerId);
  });

  it("serves one range (206), resumes without counting, honours If-Range and answers 416 outside the file", async () => {
    const { token, grant } = await newLink();
    const first = await get(token, { Range: "bytes=0-99999" });
    expect(first.status).toBe(206);
    expect(first.headers.get("content-range")).toBe("bytes 0-99999/200000");
    expect(first.headers.get("content-length")).toBe("100000");
    const head = await body(first);

    const rest = await get(token, { Range: "bytes=100000-", "If-Range": `"${SHA256}"` });
    expect(rest.status).toBe(206);
    expect(rest.headers.get("content-range")).toBe("bytes 100000-199999/200000");
    const tail = await body(rest);
    expect(
      createHash("sha256")
        .update(Buffer.concat([head, tail]))
        .digest("hex"),
    ).toBe(SHA256);
    expect((await db().downloadGrant.findUniqueOrThrow({ where: { id: grant.id } })).downloadCount).toBe(1);

    const stale = await get(token, { Range: "bytes=100000-", "If-Range": `"0000"` });
    expect(stale.status).toBe(200);
    expect((await body(stale)).length).toBe(200_000);
    expect((await db().downloadGrant.findUniqueOrThrow({ where: { id: grant.id } })).downloadCount).toBe(2);

    const outside = await get(token, { Range: "bytes=200000-" });
    expect(outside.status).toBe(416);
    expect(outside.headers.get("content-range")).toBe("bytes */200000");

    const suffix = await get(token, { Range: "bytes=-10" });
    expect(suffix.status).toBe(206);
    expect((await body(suffix)).equals(BYTES.subarray(199_990))).toBe(true);

    const probe = await get(token, {}, "HEAD");
    expect(probe.status).toBe(200);
    expect(probe.headers.get("content-length")).toBe("200000");
    expect(probe.body).toBeNull();
    expect((await db().downloadGrant.findUniqueOrThrow({ where: { id: grant.id } })).downloadCount).toBe(2);
  });

  it("counts a resume of a never-used link as its first download", async () => {
    const { token, grant } = await newLink();
    const response = await get(token, { Range: "bytes=150000-" });
    expect(response.status).toBe(206);
    await body(response);
    expect((await db().downloadGrant.findUniqueOrThrow({ where: { id: grant.id } })).downloadCount).toBe(1);
  });

  it("sends tampered, expired, exhausted and revoked links to the explanation page, never the file", async () => {
    const { token, grant, payload } = await newLink();
    const forged = token.slice(0, -1) + (token.endsWith("A") ? "B" : "A");
    expect(reasonOf(await get(forged))).toBe("invalid");
    expect(reasonOf(await get("short"))).toBe("invalid");
    expect(reasonOf(await get("../../../../etc/passwd"))).toBe("invalid");

    for (let i = 0; i < 5; i++) await body(await get(token)).then((b) => expect(b.length).toBe(200_000));
    expect(reasonOf(await get(token))).toBe("exhausted");
    // Every byte the limit allows was served: a "resume" is refused too.
    expect(reasonOf(await get(token, { Range: "bytes=10-" }))).toBe("exhausted");

    const expired = await newLink();
    await db().downloadGrant.update({
      where: { id: expired.grant.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(reasonOf(await get(expired.token))).toBe("expired");
    expect(reasonOf(await get(expired.token, { Range: "bytes=10-" }))).toBe("expired");

    // A refund after the link was made: the webhook revokes the grant.
    await ingestOrder(parseOrderPayload({ ...payload, status: "refunded" }), { type: "system", label: "test" });
    expect((await db().downloadGrant.findUniqueOrThrow({ where: { id: grant.id } })).revokedAt).not.toBeNull();
    expect(reasonOf(await get(token, { Range: "bytes=10-" }))).toBe("revoked");
  });

  it("re-checks the item at download time even when the grant itself was not revoked", async () => {
    const { token, itemId } = await newLink();
    await db().orderItem.update({ where: { id: itemId }, data: { status: "refunded" } });
    expect(reasonOf(await get(token))).toBe("revoked");

    const keys = await newLink();
    await db().licenseKey.updateMany({ where: { orderItemId: keys.itemId }, data: { status: "revoked" } });
    expect(reasonOf(await get(keys.token))).toBe("revoked");

    const withdrawn = await newLink();
    await db().productFile.update({ where: { id: fileId }, data: { active: false } });
    try {
      expect(reasonOf(await get(withdrawn.token))).toBe("withdrawn");
    } finally {
      await db().productFile.update({ where: { id: fileId }, data: { active: true } });
    }
    expect((await db().downloadGrant.findUniqueOrThrow({ where: { id: withdrawn.grant.id } })).downloadCount).toBe(0);
  });

  it("never follows a stored path outside DATA_DIR/files and counts nothing for a missing file", async () => {
    const { token, grant } = await newLink();
    const file = await db().productFile.findUniqueOrThrow({ where: { id: fileId } });
    try {
      for (const storagePath of ["../keydesk.db", "/etc/passwd", "..", "sub/dir"]) {
        await db().productFile.update({ where: { id: fileId }, data: { storagePath } });
        expect(reasonOf(await get(token))).toBe("missing");
      }
    } finally {
      await db().productFile.update({ where: { id: fileId }, data: { storagePath: file.storagePath } });
    }
    expect((await db().downloadGrant.findUniqueOrThrow({ where: { id: grant.id } })).downloadCount).toBe(0);
    expect((await get(token)).status).toBe(200);
  });
});

describe("the byte budget of a link (limit × file size)", () => {
  it("refuses Range requests once the limit is used up, however often they come", async () => {
    const { token, grant } = await newLink();
    await db().downloadGrant.update({ where: { id: grant.id }, data: { maxDownloads: 1 } });
    expect((await body(await get(token))).length).toBe(200_000);
    for (let i = 0; i < 5; i++) {
      const bypass = await get(token, { Range: "bytes=1-" });
      expect(reasonOf(bypass)).toBe("exhausted");
    }
    // HEAD never counts and still answers.
    expect((await get(token, {}, "HEAD")).status).toBe(200);
  });

  it("lets an interrupted last download resume from where it stopped, and no further", async () => {
    const { token, grant } = await newLink();
    await db().downloadGrant.update({ where: { id: grant.id }, data: { maxDownloads: 1 } });
    const first = await get(token);
    expect(first.status).toBe(200);
    // The client reads a part, then the connection drops.
    const reader = first.body!.getReader();
    let received = 0;
    while (received < 50_000) {
      const chunk = await reader.read();
      if (chunk.done) break;
      received += chunk.value.length;
    }
    await reader.cancel();
    const rest = await get(token, { Range: `bytes=${received}-` });
    expect(rest.status).toBe(206);
    expect((await body(rest)).equals(BYTES.subarray(received))).toBe(true);
    expect(reasonOf(await get(token, { Range: "bytes=1-" }))).toBe("exhausted");
    expect(reasonOf(await get(token))).toBe("exhausted");
    const after = await db().downloadGrant.findUniqueOrThrow({ where: { id: grant.id } });
    expect(after.downloadCount).toBe(1);
    expect(Number(after.bytesServed)).toBe(200_000);
  });

  it("never serves more than the budget when range requests race", async () => {
    const { token, grant } = await newLink();
    await db().downloadGrant.update({ where: { id: grant.id }, data: { maxDownloads: 2 } });
    const responses = await Promise.all(Array.from({ length: 8 }, () => get(token, { Range: "bytes=100000-" })));
    const served = await Promise.all(responses.filter((r) => r.status === 206).map(body));
    expect(served.length).toBeGreaterThan(0);
    expect(served.reduce((sum, b) => sum + b.length, 0)).toBeLessThanOrEqual(400_000);
    const after = await db().downloadGrant.findUniqueOrThrow({ where: { id: grant.id } });
    expect(Number(after.bytesServed)).toBe(served.length * 100_000);
  });
});

describe("countDownload", () => {
  it("lets exactly the limit through when ten requests race for five downloads", async () => {
    const { token, grant } = await newLink();
    expect(grant.maxDownloads).toBe(5);
    const opened = await openDownload(token);
    if (!opened.ok) throw new Error(opened.reason);
    const results = await Promise.all(
      Array.from({ length: 10 }, () => countDownload(opened.grant, { resumed: false }, meta())),
    );
    expect(results.filter(Boolean)).toHaveLength(5);
    expect((await db().downloadGrant.findUniqueOrThrow({ where: { id: grant.id } })).downloadCount).toBe(5);
    expect(await db().auditEvent.count({ where: { action: "download.started", targetId: grant.id } })).toBe(5);
  });

  it("lets exactly the limit through when ten full GETs race", async () => {
    const { token, grant } = await newLink();
    const responses = await Promise.all(Array.from({ length: 10 }, () => get(token)));
    expect(responses.filter((r) => r.status === 200)).toHaveLength(5);
    expect(responses.filter((r) => r.status === 303)).toHaveLength(5);
    await Promise.all(responses.map((r) => r.body?.cancel() ?? Promise.resolve()));
    expect((await db().downloadGrant.findUniqueOrThrow({ where: { id: grant.id } })).downloadCount).toBe(5);
  });
});
