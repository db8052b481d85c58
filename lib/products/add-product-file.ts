import "server-only";
import fs from "node:fs";
import path from "node:path";
import { createHash, randomBytes } from "node:crypto";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError, parseOrThrow } from "@/lib/errors";
import { newId } from "@/lib/crypto/tokens";
import { DEFAULT_FILE_VERSION, ZFileVersion } from "@/lib/products/schemas";

const CONTENT_TYPES: Record<string, string> = {
  ".zip": "application/zip",
  ".exe": "application/vnd.microsoft.portable-executable",
  ".msi": "application/x-msi",
  ".dmg": "application/x-apple-diskimage",
  ".pkg": "application/octet-stream",
  ".gz": "application/gzip",
  ".tgz": "application/gzip",
  ".deb": "application/vnd.debian.binary-package",
  ".rpm": "application/x-rpm",
  ".appimage": "application/octet-stream",
  ".pdf": "application/pdf",
  ".txt": "text/plain; charset=utf-8",
};

export interface TAddProductFileInput {
  sku: string;
  filePath: string;
  version?: string;
  /** The name buyers see; default: the file's own name (an upload's temporary file has another). */
  fileName?: string;
}

export interface TProductFileDto {
  id: string;
  sku: string;
  fileName: string;
  version: string;
  contentType: string;
  size: number;
  sha256: string;
  result: "created" | "unchanged";
}

/** The content type served for a file name (a small map; anything else is application/octet-stream). */
export function contentTypeOf(fileName: string): string {
  return CONTENT_TYPES[path.extname(fileName).toLowerCase()] ?? "application/octet-stream";
}

/**
 * `addProductFile(input)`: registers a downloadable file for a product (the CLI's `product:file`,
 * the demo data, and `uploadProductFile` after its admin check): copies it (streaming, hashing on
 * the way) into DATA_DIR/files under a random name with mode 0600, outside anything the web server
 * serves. Idempotent: the same file name and version with the same contents is "unchanged";
 * different contents under an existing version is a conflict (publish it as a new version instead).
 */
export async function addProductFile(input: TAddProductFileInput): Promise<TProductFileDto> {
  // CLI input arrives unchecked.
  const version = parseOrThrow(
    ZFileVersion,
    input.version ?? DEFAULT_FILE_VERSION,
    "The version may use letters, digits, dots, dashes, plus and underscores (at most 40).",
  );
  const product = await db().product.findUnique({ where: { sku: input.sku }, select: { id: true, sku: true } });
  if (!product)
    throw new AppError("not_found", `No product with SKU "${input.sku}". Products are created by their first order.`);
  const stat = fs.statSync(input.filePath, { throwIfNoEntry: false });
  if (!stat?.isFile()) throw new AppError("invalid_input", `No such file: ${input.filePath}`);
  const fileName = input.fileName ?? path.basename(input.filePath);

  const filesDir = path.join(env().dataDir, "files");
  fs.mkdirSync(filesDir, { recursive: true, mode: 0o700 });
  const storagePath = randomBytes(16).toString("hex");
  const target = path.join(filesDir, storagePath);
  const { size, sha256 } = await copyWithHash(input.filePath, target);

  const existing = await db().productFile.findUnique({
    where: { productId_fileName_version: { productId: product.id, fileName, version } },
  });
  const dto = { sku: product.sku, fileName, version, contentType: contentTypeOf(fileName), size, sha256 };
  if (existing) {
    fs.rmSync(target, { force: true });
    if (existing.sha256 !== sha256) {
      throw new AppError(
        "conflict",
        `${fileName} version ${version} is already registered for ${product.sku} with different contents; use --version to add a new version.`,
      );
    }
    return { ...dto, id: existing.id, contentType: existing.contentType, result: "unchanged" };
  }
  const id = newId();
  try {
    await db().productFile.create({
      data: {
        id,
        productId: product.id,
        fileName,
        version,
        contentType: dto.contentType,
        size: BigInt(size),
        sha256,
        storagePath,
      },
    });
  } catch (error) {
    fs.rmSync(target, { force: true });
    throw error;
  }
  return { ...dto, id, result: "created" };
}

async function copyWithHash(source: string, target: string): Promise<{ size: number; sha256: string }> {
  const hash = createHash("sha256");
  let size = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      size += chunk.length;
      done(null, chunk);
    },
  });
  try {
    await pipeline(fs.createReadStream(source), meter, fs.createWriteStream(target, { mode: 0o600, flags: "wx" }));
  } catch (error) {
    fs.rmSync(target, { force: true });
    throw error;
  }
  return { size, sha256: hash.digest("hex") };
}
