import "server-only";
import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as TNodeReadableStream } from "node:stream/web";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { assertAdmin } from "@/lib/auth/assert-admin";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { AppError } from "@/lib/errors";
import type { TAgentSession } from "@/lib/auth/types";
import type { TRequestMeta } from "@/lib/http/request-meta";
import { addProductFile, type TProductFileDto } from "@/lib/products/add-product-file";
import type { TUploadProductFileInput } from "@/lib/products/schemas";

/** Largest file accepted through the browser; bigger installers go through `keydesk product:file`. */
export const MAX_UPLOAD_BYTES = 2 * 1024 ** 3;

/**
 * `uploadProductFile(actor, input, meta)`: adds a file version to a product from an upload (admins
 * only): the request body is streamed to a private temporary folder — never held in memory — with
 * its declared length enforced, then registered exactly like `keydesk product:file` does (hash,
 * copy, idempotent) and audited. The name and version were checked by the route (`ZUploadFileQuery`);
 * the temporary file does not use the name, so no path is ever built from it.
 */
export async function uploadProductFile(
  actor: TAgentSession,
  input: TUploadProductFileInput,
  meta: TRequestMeta,
): Promise<TProductFileDto> {
  assertAdmin(actor);
  const size = input.declaredSize;
  if (size === null || !Number.isSafeInteger(size) || size < 0)
    throw new AppError("invalid_input", "The upload must declare its length (Content-Length).");
  if (size === 0 || !input.body)
    throw new AppError("invalid_input", "The file is empty.", {
      fieldErrors: { file: ["Choose a file that is not empty."] },
    });
  if (size > MAX_UPLOAD_BYTES) {
    throw new AppError(
      "payload_too_large",
      "Files over 2 GB cannot be uploaded in the browser; use `npm run keydesk -- product:file` on the server.",
    );
  }
  const product = await db().product.findUnique({ where: { id: input.productId }, select: { id: true, sku: true } });
  if (!product) throw new AppError("not_found", "There is no such product.");

  const folder = path.join(env().dataDir, "uploads", randomBytes(12).toString("hex"));
  fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
  try {
    const target = path.join(folder, "upload");
    const received = await writeLimited(input.body, target, size);
    if (received !== size)
      throw new AppError(
        "invalid_input",
        `The upload was incomplete (${received} of ${size} bytes arrived). Please try again.`,
      );
    const file = await addProductFile({
      sku: product.sku,
      filePath: target,
      fileName: input.name,
      version: input.version,
    });
    await recordAuditEvent({
      actorType: "agent",
      actorId: actor.agentId,
      action: "product_file.uploaded",
      targetType: "product_file",
      targetId: file.id,
      ip: meta.ip,
      userAgent: meta.userAgent,
      metadata: { productId: product.id, version: file.version, size: file.size, result: file.result },
    });
    return file;
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

async function writeLimited(body: ReadableStream<Uint8Array>, target: string, limit: number): Promise<number> {
  let received = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      received += chunk.length;
      if (received > limit) done(new AppError("invalid_input", "The upload is larger than it declared."));
      else done(null, chunk);
    },
  });
  const source = Readable.fromWeb(body as unknown as TNodeReadableStream<Uint8Array>);
  await pipeline(source, meter, fs.createWriteStream(target, { mode: 0o600, flags: "wx" }));
  return received;
}
