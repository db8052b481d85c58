import "server-only";
import { createHmac } from "node:crypto";
import { deriveKey } from "@/lib/crypto/keys";

let emailKey: Buffer | undefined;
let licenseKeyKey: Buffer | undefined;
let rateLimitKey: Buffer | undefined;

/** Canonical form of an e-mail address for lookups: trimmed, NFC, lower-cased. */
export function normalizeEmail(email: string): string {
  return email.normalize("NFC").trim().toLowerCase();
}

/** Canonical form of a licence key: upper-cased, without spaces (dashes are part of the key). */
export function normalizeLicenseKey(key: string): string {
  return key.normalize("NFKC").replace(/\s+/g, "").toUpperCase();
}

/** Keyed blind index of an e-mail address (HMAC-SHA256); equal addresses give equal indexes. */
export function emailIndex(email: string): string {
  emailKey ??= deriveKey("blind-index:email");
  return createHmac("sha256", emailKey).update(normalizeEmail(email)).digest("base64url");
}

/** Keyed blind index of a licence key value. */
export function licenseKeyIndex(key: string): string {
  licenseKeyKey ??= deriveKey("blind-index:license-key");
  return createHmac("sha256", licenseKeyKey).update(normalizeLicenseKey(key)).digest("base64url");
}

/**
 * Keyed index of a rate-limit subject (a client IP, a customer id, an address index): the counter
 * row is found by it, and a stolen database does not list who asked for what from where.
 */
export function rateLimitSubjectIndex(subject: string): string {
  rateLimitKey ??= deriveKey("blind-index:rate-limit");
  return createHmac("sha256", rateLimitKey).update(subject).digest("base64url").slice(0, 32);
}
