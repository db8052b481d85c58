import { createHmac } from "node:crypto";
import { safeEqual } from "@/lib/crypto/tokens";

export const SIGNATURE_TOLERANCE_SECONDS = 300;

/** The `Keydesk-Signature` header value for a body: `t=<unix seconds>,v1=<hex HMAC-SHA256>`. */
export function signPayload(secret: string, body: string, timestamp = Math.floor(Date.now() / 1000)): string {
  const mac = createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
  return `t=${timestamp},v1=${mac}`;
}

export type TSignatureCheck = { ok: true } | { ok: false; reason: "missing" | "malformed" | "expired" | "mismatch" };

/** The `t=` of a `Keydesk-Signature` header (unix seconds), or null; read it after `verifySignature` passed. */
export function signatureTimestamp(header: string | null): number | null {
  const t = /(?:^|,)\s*t=(\d{1,12})\s*(?:,|$)/.exec(header ?? "")?.[1];
  return t === undefined ? null : Number(t);
}

/**
 * Checks a `Keydesk-Signature` header against the raw body: well-formed, signed within the
 * tolerance (either direction, for clock skew) and a matching HMAC, compared in constant time.
 */
export function verifySignature(
  secret: string,
  header: string | null,
  body: string,
  nowSeconds = Math.floor(Date.now() / 1000),
): TSignatureCheck {
  if (!header) return { ok: false, reason: "missing" };
  const parts = new Map<string, string[]>();
  for (const piece of header.split(",")) {
    const [k, v] = piece.trim().split("=", 2);
    if (!k || !v) return { ok: false, reason: "malformed" };
    parts.set(k, [...(parts.get(k) ?? []), v]);
  }
  const t = parts.get("t")?.[0];
  const macs = parts.get("v1") ?? [];
  if (!t || !/^\d{1,12}$/.test(t) || macs.length === 0) return { ok: false, reason: "malformed" };
  if (Math.abs(nowSeconds - Number(t)) > SIGNATURE_TOLERANCE_SECONDS) return { ok: false, reason: "expired" };
  const expected = createHmac("sha256", secret).update(`${t}.${body}`).digest("hex");
  // Several v1 values are accepted so a sender can sign with an old and a new secret while rotating.
  return macs.some((mac) => safeEqual(mac, expected)) ? { ok: true } : { ok: false, reason: "mismatch" };
}
