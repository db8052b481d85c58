import "server-only";
import { createHash, hkdfSync } from "node:crypto";
import { env } from "@/lib/env";

/** Purposes of derived keys. A new purpose gets a new name; a name is never reused for another use. */
export type TKeyPurpose =
  | "encryption"
  | "blind-index:email"
  | "blind-index:license-key"
  | "blind-index:rate-limit"
  | "token-hash"
  | "download-signature"
  | "auth-secret"
  | "unsubscribe-signature"
  | "pow-challenge"
  | "attachment-upload"
  // Next.js server-action key, derived by scripts/build-identity.mjs (it runs before anything is compiled).
  | "next-server-actions";

/** A 32-byte sub-key for one purpose, derived from a master secret with HKDF-SHA256. */
export function deriveKey(purpose: TKeyPurpose, master: Buffer = env().masterSecret): Buffer {
  return Buffer.from(hkdfSync("sha256", master, Buffer.from("keydesk.v1"), Buffer.from(purpose), 32));
}

/** A short, non-secret id for a master secret, written beside each ciphertext so keys can rotate. */
export function keyIdOf(master: Buffer): string {
  return createHash("sha256").update("keydesk.key-id").update(master).digest("base64url").slice(0, 8);
}
