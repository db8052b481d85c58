import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import type { TDelivery, TStoreConfig, TVerifyResult } from "@/lib/stores/types";

// Signature checks shared by the connectors: HMAC-SHA256 over whatever the provider signs, compared
// in constant time against every signature the header carries, for every secret the store accepts
// (the current one and, for 24 h after a rotation, the previous one).

/** HMAC-SHA256 of `data` with `key`. */
export function hmacSha256(key: string | Buffer, data: string | Buffer): Buffer {
  return createHmac("sha256", key).update(data).digest();
}

/** Constant-time equality of two strings (false, without a timing signal, when lengths differ). */
export function safeEqualText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * True when any of `signatures` (as sent: hex or base64 text) equals the MAC of `signed` under any
 * of `keys`. Hex is compared case-insensitively; every pair is compared, so the time taken does
 * not tell which one matched.
 */
export function anySignatureMatches(
  keys: readonly (string | Buffer)[],
  signed: string | Buffer,
  signatures: readonly string[],
  encoding: "hex" | "base64",
): boolean {
  let matched = false;
  for (const key of keys) {
    const expected = hmacSha256(key, signed).toString(encoding);
    for (const signature of signatures) {
      const sent = encoding === "hex" ? signature.trim().toLowerCase() : signature.trim();
      if (safeEqualText(sent, expected)) matched = true;
    }
  }
  return matched;
}

/** A Unix timestamp in seconds as sent in a header ("1700000000"), or null when it is not one. */
export function parseUnixSeconds(text: string | undefined | null): number | null {
  if (!text || !/^\d{1,12}$/.test(text.trim())) return null;
  return Number(text.trim());
}

/**
 * Whether a signature timestamp is fresh: at most `pastSeconds` old and at most `futureSeconds`
 * ahead of our clock (clock skew between the provider and us).
 */
export function isFresh(timestamp: number, now: Date, pastSeconds: number, futureSeconds = pastSeconds): boolean {
  const nowSeconds = Math.floor(now.getTime() / 1000);
  return nowSeconds - timestamp <= pastSeconds && timestamp - nowSeconds <= futureSeconds;
}

/**
 * The whole check of a provider that signs the raw body with one HMAC-SHA256 header and no
 * timestamp (FastSpring, Lemon Squeezy, Shopify, WooCommerce): missing header, no secret to check
 * it with, or a signature that matches none of the store's secrets.
 */
export function verifyBodyHmac(
  delivery: TDelivery,
  store: TStoreConfig,
  header: string,
  encoding: "hex" | "base64",
): TVerifyResult {
  const signature = delivery.headers.get(header);
  if (!signature) return { ok: false, reason: "missing_signature" };
  if (store.secrets.length === 0) return { ok: false, reason: "unverifiable" };
  return anySignatureMatches(store.secrets, delivery.rawBody, [signature], encoding)
    ? { ok: true }
    : { ok: false, reason: "bad_signature" };
}
