import "server-only";
import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";

export const SECRET_FILE_NAME = "keydesk.secret";
const MIN_SECRET_BYTES = 32;

/** Decodes a secret given as hex or base64 (standard or URL-safe); throws if shorter than 32 bytes. */
export function decodeSecret(value: string, name = "KEYDESK_SECRET"): Buffer {
  const trimmed = value.trim();
  const bytes =
    /^[0-9a-f]+$/i.test(trimmed) && trimmed.length % 2 === 0
      ? Buffer.from(trimmed, "hex")
      : Buffer.from(trimmed.replace(/-/g, "+").replace(/_/g, "/"), "base64");
  if (bytes.length < MIN_SECRET_BYTES) {
    throw new Error(`${name} must be at least ${MIN_SECRET_BYTES} bytes, encoded as hex or base64`);
  }
  return bytes;
}

interface TLoadOptions {
  value: string | undefined;
  previous: string | undefined;
  dataDir: string;
  production: boolean;
}

/**
 * The master secret every other key is derived from: `KEYDESK_SECRET` when set, otherwise the file
 * `DATA_DIR/keydesk.secret`, created (mode 0600, exclusive create so concurrent first starts agree)
 * when missing. `KEYDESK_SECRET_PREVIOUS` (comma-separated) keeps older secrets for decryption.
 */
export function loadMasterSecret(options: TLoadOptions) {
  const previous = (options.previous ?? "")
    .split(",")
    .filter((s) => s.trim() !== "")
    .map((s) => decodeSecret(s, "KEYDESK_SECRET_PREVIOUS"));
  if (options.value) {
    return { current: decodeSecret(options.value), previous, source: "environment" as const };
  }
  const file = path.join(options.dataDir, SECRET_FILE_NAME);
  if (fs.existsSync(file)) {
    return { current: decodeSecret(fs.readFileSync(file, "utf8"), file), previous, source: "file" as const };
  }
  try {
    fs.mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
    fs.writeFileSync(file, randomBytes(MIN_SECRET_BYTES).toString("base64") + "\n", { mode: 0o600, flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") {
      const hint = options.production ? "set KEYDESK_SECRET or make DATA_DIR writable" : "check DATA_DIR";
      throw new Error(`Cannot create ${file} (${(error as NodeJS.ErrnoException).code ?? "error"}): ${hint}`);
    }
  }
  return { current: decodeSecret(fs.readFileSync(file, "utf8"), file), previous, source: "generated" as const };
}
