import "server-only";
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { deriveKey } from "@/lib/crypto/keys";
import { pooledRandomBytes } from "@/lib/crypto/random-pool";

let tokenKey: Buffer | undefined;

/** A URL-safe random token with 256 bits of entropy (sign-in links, session ids, download links). */
export function randomToken(): string {
  return randomBytes(32).toString("base64url");
}

/** A random id for database rows: 20 bytes, URL-safe, not guessable or sequential. */
export function newId(): string {
  return pooledRandomBytes(15).toString("base64url");
}

/** The form in which a token is stored: keyed hash, so a leaked table cannot be replayed. */
export function hashToken(token: string): string {
  tokenKey ??= deriveKey("token-hash");
  return createHmac("sha256", tokenKey).update(token).digest("base64url");
}

/** Constant-time comparison of two strings. */
export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
