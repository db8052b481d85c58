import "server-only";
import { createCipheriv, createDecipheriv } from "node:crypto";
import { pooledRandomBytes } from "@/lib/crypto/random-pool";
import { deriveKey, keyIdOf } from "@/lib/crypto/keys";
import { env } from "@/lib/env";
import type { TEncryptionContext } from "@/lib/crypto/contexts";

// Format: "v1.<key id>.<base64url(12-byte IV ‖ ciphertext ‖ 16-byte GCM tag)>".
// The context (e.g. "customer.email") is authenticated as additional data, so a ciphertext copied
// into another column or table fails to decrypt instead of being shown in the wrong place.

const VERSION = "v1";

interface TKeyEntry {
  id: string;
  key: Buffer;
}

let ring: { current: TKeyEntry; byId: Map<string, Buffer> } | undefined;

function keyRing() {
  if (!ring) {
    const masters = [env().masterSecret, ...env().previousSecrets];
    const entries = masters.map((m) => ({ id: keyIdOf(m), key: deriveKey("encryption", m) }));
    ring = { current: entries[0] as TKeyEntry, byId: new Map(entries.map((e) => [e.id, e.key])) };
  }
  return ring;
}

/** Encrypts text with AES-256-GCM under the current key, bound to `context`. */
export function encrypt(plaintext: string, context: TEncryptionContext): string {
  const { current } = keyRing();
  const iv = pooledRandomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", current.key, iv);
  cipher.setAAD(Buffer.from(context));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return `${VERSION}.${current.id}.${Buffer.concat([iv, body, cipher.getAuthTag()]).toString("base64url")}`;
}

/** Decrypts a value made by `encrypt` with the same context; throws if it was altered or moved. */
export function decrypt(sealed: string, context: TEncryptionContext): string {
  const [version, keyId, data] = sealed.split(".");
  const key = keyId ? keyRing().byId.get(keyId) : undefined;
  if (version !== VERSION || !key || !data) throw new Error(`Cannot decrypt ${context}: unknown format or key`);
  const raw = Buffer.from(data, "base64url");
  const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, 12));
  decipher.setAAD(Buffer.from(context));
  decipher.setAuthTag(raw.subarray(raw.length - 16));
  return Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]).toString("utf8");
}

export function encryptOptional(plaintext: string | null | undefined, context: TEncryptionContext): string | null {
  return plaintext == null || plaintext === "" ? null : encrypt(plaintext, context);
}

export function decryptOptional(sealed: string | null | undefined, context: TEncryptionContext): string | null {
  return sealed == null ? null : decrypt(sealed, context);
}

/** True when the value was sealed under an older key (a re-encryption job can pick these up). */
export function needsReencryption(sealed: string): boolean {
  return sealed.split(".")[1] !== keyRing().current.id;
}
