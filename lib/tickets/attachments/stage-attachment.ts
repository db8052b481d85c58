import "server-only";
import fs from "node:fs";
import path from "node:path";
import { createHash, createHmac, randomBytes } from "node:crypto";
import { z } from "zod";
import { deriveKey } from "@/lib/crypto/keys";
import { safeEqual } from "@/lib/crypto/tokens";
import { AppError, type TErrorKey, type TErrorValues } from "@/lib/errors";
import { formatAllowedTypes } from "@/lib/tickets/attachments/allowed-types";
import { sniffFileType, type TAllowedType } from "@/lib/tickets/attachments/sniff-file-type";
import {
  MAX_ATTACHMENT_BYTES,
  attachmentDir,
  cleanAttachmentName,
  type TStoredFile,
} from "@/lib/tickets/attachments/attachment-rules";

// Ticket attachments arrive one file per request at POST /support-attachments, before the form that
// uses them is sent: the route checks who uploads (a buyer, a guest's ticket session, an agent, or a
// guest with a solved proof of work) before reading a byte, refuses a declared size over 10 MB, and
// streams the body to a private file, stopping at 10 MB. The answer is a signed receipt naming the
// file and its uploader; the form then sends only receipts, so no request through the proxy or a
// server action carries more than a few kilobytes. A receipt is claimed once (the staged file is
// moved into place), by the same uploader, within a day; unclaimed files are swept after that.

/** How long a staged upload waits for its form (a person writing a long message included). */
const STAGED_TTL_MS = 24 * 60 * 60 * 1000;
const HEAD_BYTES = 16;

export interface TStageInput {
  name: string;
  /** Content-Length as sent, or null (chunked): refused above 10 MB before anything is read. */
  declaredSize: number | null;
  body: ReadableStream<Uint8Array> | null;
}

// A receipt as we sign it; read back through this schema (never cast), so even a signed receipt of
// another shape is "upload again", not a stored file.
const ZReceipt = z.object({
  /** Staged file name (random hex). */
  p: z.string().regex(/^[0-9a-f]{40}$/),
  n: z.string().min(1).max(255),
  t: z.enum(["image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf", "application/zip", "text/plain"]),
  s: z.number().int().min(1).max(MAX_ATTACHMENT_BYTES),
  h: z.string().regex(/^[0-9a-f]{64}$/),
  /** Who uploaded it: `agent:<id>`, `buyer:<customerId>`, `ticket:<ticketId>` or `pow:<challenge>`. */
  o: z.string(),
  /** Expiry, ms since the epoch. */
  e: z.number(),
}) satisfies z.ZodType<{ t: TAllowedType }>;
type TReceipt = z.infer<typeof ZReceipt>;

let key: Buffer | undefined;
function sign(payload: string): string {
  key ??= deriveKey("attachment-upload");
  return createHmac("sha256", key).update(payload).digest("base64url");
}

function stagedDir(): string {
  return path.join(attachmentDir(), "staged");
}

function fail(
  message: string,
  key: TErrorKey,
  values: TErrorValues = {},
  code: "invalid_input" | "payload_too_large" = "invalid_input",
): never {
  throw new AppError(code, message, {
    fieldErrors: { attachments: [message] },
    key,
    values,
    fieldKeys: { attachments: key },
  });
}

/**
 * `stageAttachment(owner, input)` — streams one upload to a staged file, never holding more than a
 * chunk in memory: refuses a declared size over 10 MB before reading, stops reading (and deletes
 * what was written) when the body passes 10 MB, and checks the type by content as it goes.
 * Returns the signed receipt the form sends instead of the file.
 */
export async function stageAttachment(owner: string, input: TStageInput, now = Date.now()): Promise<string> {
  const name = cleanAttachmentName(input.name);
  const tooLarge = `“${name}” is larger than 10 MB.`;
  if (input.declaredSize !== null && input.declaredSize > MAX_ATTACHMENT_BYTES)
    fail(tooLarge, "fileTooLarge", { file: name }, "payload_too_large");
  if (!input.body || input.declaredSize === 0) fail(`“${name}” is empty.`, "fileEmpty", { file: name });
  fs.mkdirSync(stagedDir(), { recursive: true, mode: 0o700 });
  sweepStaged(now);
  const stagedName = randomBytes(20).toString("hex");
  const target = path.join(stagedDir(), stagedName);
  const out = fs.openSync(target, "wx", 0o600);
  const hash = createHash("sha256");
  const text = new TextScan();
  let head = Buffer.alloc(0);
  let size = 0;
  const reader = input.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > MAX_ATTACHMENT_BYTES) {
        await reader.cancel().catch(() => undefined);
        fail(tooLarge, "fileTooLarge", { file: name }, "payload_too_large");
      }
      if (head.length < HEAD_BYTES) head = Buffer.concat([head, value]).subarray(0, HEAD_BYTES);
      hash.update(value);
      text.push(value);
      fs.writeSync(out, value);
    }
    if (size === 0) fail(`“${name}” is empty.`, "fileEmpty", { file: name });
    if (input.declaredSize !== null && size !== input.declaredSize)
      fail(`“${name}” did not arrive whole. Try again.`, "fileIncomplete", { file: name });
    const type = typeOf(head, text.end());
    if (!type)
      fail(`“${name}” is not a file type we accept. Allowed: ${formatAllowedTypes()}.`, "fileType", {
        file: name,
        types: formatAllowedTypes(),
      });
    const receipt: TReceipt = {
      p: stagedName,
      n: name,
      t: type,
      s: size,
      h: hash.digest("hex"),
      o: owner,
      e: now + STAGED_TTL_MS,
    };
    const payload = Buffer.from(JSON.stringify(receipt)).toString("base64url");
    return `${payload}.${sign(payload)}`;
  } catch (error) {
    fs.rmSync(target, { force: true });
    throw error;
  } finally {
    fs.closeSync(out);
  }
}

/** The binary formats by their first bytes; text only when the whole file was valid text. */
function typeOf(head: Buffer, wholeIsText: boolean): TAllowedType | null {
  const byHead = sniffFileType(head);
  if (byHead && byHead !== "text/plain") return byHead;
  return wholeIsText ? "text/plain" : null;
}

/** The plain-text rule of sniff-file-type.ts, chunk by chunk: valid UTF-8 and no control characters but tab, newlines, form feed and ESC. */
class TextScan {
  private ok = true;
  private readonly decoder = new TextDecoder("utf-8", { fatal: true });
  push(chunk: Uint8Array): void {
    if (!this.ok) return;
    for (const b of chunk) {
      if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b) || b === 0x7f) {
        this.ok = false;
        return;
      }
    }
    try {
      this.decoder.decode(chunk, { stream: true });
    } catch {
      this.ok = false;
    }
  }
  end(): boolean {
    if (!this.ok) return false;
    try {
      this.decoder.decode();
      return true;
    } catch {
      return false;
    }
  }
}

/** Whether a form value is a receipt (anything else in the `attachments` field is not one). */
export function isUploadReceipt(value: unknown): value is string {
  return typeof value === "string" && /^[\w-]{20,3000}\.[\w-]{43}$/.test(value);
}

/**
 * Turns receipts into stored files for `owner`: each must carry our signature, belong to the same
 * uploader and be unexpired; its staged file is moved into the attachment folder, so a receipt
 * works once. Anything else is the same "upload again" error.
 */
export function claimStagedAttachments(receipts: readonly string[], owner: string, now = Date.now()): TStoredFile[] {
  const claimed: TStoredFile[] = [];
  const again = "An attached file was not found any more. Choose it again.";
  try {
    for (const value of receipts) {
      const [payload = "", signature = ""] = value.split(".");
      if (!safeEqual(sign(payload), signature)) fail(again, "fileGoneAgain");
      const parsed = ZReceipt.safeParse(JSON.parse(Buffer.from(payload, "base64url").toString("utf8")));
      if (!parsed.success) fail(again, "fileGoneAgain");
      const receipt = parsed.data;
      if (receipt.o !== owner || receipt.e <= now) fail(again, "fileGoneAgain");
      const storagePath = randomBytes(20).toString("hex");
      try {
        fs.renameSync(path.join(stagedDir(), receipt.p), path.join(attachmentDir(), storagePath));
      } catch {
        fail(again, "fileGoneAgain");
      }
      claimed.push({ fileName: receipt.n, contentType: receipt.t, size: receipt.s, sha256: receipt.h, storagePath });
    }
  } catch (error) {
    for (const file of claimed) fs.rmSync(path.join(attachmentDir(), file.storagePath), { force: true });
    throw error;
  }
  return claimed;
}

/** Deletes staged uploads no form claimed within their day (cheap: one folder listing per upload). */
function sweepStaged(now: number): void {
  for (const entry of fs.readdirSync(stagedDir())) {
    const file = path.join(stagedDir(), entry);
    try {
      if (now - fs.statSync(file).mtimeMs > STAGED_TTL_MS) fs.rmSync(file, { force: true });
    } catch {
      // Claimed or swept by another request meanwhile.
    }
  }
}

/** The uploader names a receipt is bound to (the route and the use cases compute the same one). */
export const uploader = {
  agent: (agentId: string) => `agent:${agentId}`,
  buyer: (customerId: string) => `buyer:${customerId}`,
  /** A guest's one-ticket session. */
  ticket: (ticketId: string) => `ticket:${ticketId}`,
  /** A guest with a solved (not yet used) proof of work: the form that sends it claims the files. */
  pow: (challenge: string) => `pow:${challenge}`,
};
