import "server-only";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { env } from "@/lib/env";
import type { TLogoImage } from "@/lib/branding/logo-image";

// Logo files live in DATA_DIR/brand, named by the SHA-256 of their bytes (so a URL never serves
// different bytes and can be cached for ever), and go into backups with the rest of DATA_DIR.

/** The DATA_DIR folder of logo files (also listed in lib/backup/archive.ts). */
export const BRAND_FOLDER = "brand";

const FILE_NAME = /^([0-9a-f]{64})\.(png|webp)$/;

function brandDir(): string {
  return path.join(env().dataDir, BRAND_FOLDER);
}

function extensionOf(type: TLogoImage["type"]): "png" | "webp" {
  return type === "image/png" ? "png" : "webp";
}

/** Writes a checked logo (temporary name, then rename) and returns its content hash. */
export function storeLogoFile(bytes: Uint8Array, image: TLogoImage): string {
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const dir = brandDir();
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const target = path.join(dir, `${sha256}.${extensionOf(image.type)}`);
  if (!fs.existsSync(target)) {
    const temporary = `${target}.${process.pid}.${Date.now()}.tmp`;
    fs.writeFileSync(temporary, bytes, { mode: 0o600 });
    fs.renameSync(temporary, target);
  }
  return sha256;
}

/** The bytes and type of a stored logo by its served name (`<sha256>.png`), or null. */
export function readLogoFile(fileName: string): { bytes: Buffer; type: TLogoImage["type"] } | null {
  const match = FILE_NAME.exec(fileName);
  if (!match) return null;
  try {
    const bytes = fs.readFileSync(path.join(brandDir(), fileName));
    return { bytes, type: match[2] === "png" ? "image/png" : "image/webp" };
  } catch {
    return null;
  }
}
