// Receipts of streamed uploads (POST /support-attachments): a receipt is claimed once, only by the
// uploader it names, and only as we signed it; the staged file moves into place when claimed.
import { createHmac } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { deriveKey } from "@/lib/crypto/keys";
import { env } from "@/lib/env";
import { storeAttachments } from "@/lib/tickets/attachments/store-attachments";
import { stageAttachment, uploader } from "@/lib/tickets/attachments/stage-attachment";
import { errorOf } from "../helpers/actors";
import { PNG } from "../helpers/tickets";

const body = (bytes: Buffer) => new Blob([new Uint8Array(bytes)]).stream();
const stage = (owner: string, bytes: Buffer = PNG, declaredSize: number | null = bytes.length) =>
  stageAttachment(owner, { name: "shot.png", declaredSize, body: body(bytes) });
const staged = () => fs.readdirSync(path.join(env().dataDir, "attachments", "staged"));

describe("upload receipts", () => {
  it("are claimed once, by their uploader only, as signed", async () => {
    const alice = uploader.buyer("customer-alice");
    const receipt = await stage(alice);
    expect(staged()).toHaveLength(1);

    const bob = uploader.buyer("customer-bob");
    expect((await errorOf(storeAttachments([receipt], bob))).fieldErrors?.attachments?.[0]).toMatch(/Choose it again/);
    const [payload = "", signature = ""] = receipt.split(".");
    const forged = JSON.parse(Buffer.from(payload, "base64url").toString()) as Record<string, unknown>;
    const asBob = `${Buffer.from(JSON.stringify({ ...forged, o: bob })).toString("base64url")}.${signature}`;
    expect((await errorOf(storeAttachments([asBob], bob))).code).toBe("invalid_input");

    const [file] = await storeAttachments([receipt], alice);
    expect(file).toMatchObject({ fileName: "shot.png", contentType: "image/png", size: PNG.length });
    expect(fs.readFileSync(path.join(env().dataDir, "attachments", file?.storagePath ?? ""))).toEqual(PNG);
    expect(staged()).toHaveLength(0);
    expect((await errorOf(storeAttachments([receipt], alice))).code).toBe("invalid_input");
  });

  it("are checked field by field when read back, even with a valid signature", async () => {
    const owner = uploader.buyer("customer-shape");
    const [payload = ""] = (await stage(owner)).split(".");
    const fields = JSON.parse(Buffer.from(payload, "base64url").toString()) as Record<string, unknown>;
    // Signed with the real key, as only Keydesk could: a type the sniffer never allows, and a name
    // that is not text, must not become a stored attachment.
    const signed = (changed: Record<string, unknown>) => {
      const body = Buffer.from(JSON.stringify({ ...fields, ...changed })).toString("base64url");
      return `${body}.${createHmac("sha256", deriveKey("attachment-upload")).update(body).digest("base64url")}`;
    };
    for (const changed of [{ t: "text/html" }, { n: 42 }, { s: "many" }]) {
      expect((await errorOf(storeAttachments([signed(changed)], owner))).code).toBe("invalid_input");
    }
    expect(staged()).toHaveLength(1);
    expect(await storeAttachments([signed({})], owner)).toHaveLength(1);
  });

  it("are refused for more than five files together with posted ones, and never for an empty or cut upload", async () => {
    const owner = uploader.ticket("ticket-1");
    const receipts = await Promise.all(Array.from({ length: 6 }, () => stage(owner)));
    expect((await errorOf(storeAttachments(receipts, owner))).fieldErrors?.attachments?.[0]).toMatch(/at most 5/);
    expect((await errorOf(stage(owner, Buffer.alloc(0), null))).fieldErrors?.attachments?.[0]).toMatch(/empty/);
    expect((await errorOf(stage(owner, PNG, PNG.length + 10))).fieldErrors?.attachments?.[0]).toMatch(/whole/);
    expect((await errorOf(stage(owner, Buffer.from("MZ\0\0binary")))).fieldErrors?.attachments?.[0]).toMatch(
      /not a file type/,
    );
    // Only the six good uploads stay staged (until claimed or swept after a day).
    expect(staged()).toHaveLength(6);
  });
});
