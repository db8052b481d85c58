import "server-only";
import { createHmac } from "node:crypto";
import { deriveKey } from "@/lib/crypto/keys";
import { safeEqual } from "@/lib/crypto/tokens";
import { env } from "@/lib/env";

// One-click unsubscribe links must work from any mail client for as long as the mail is kept, so
// they carry a signature instead of a stored token: "<customer id>.<HMAC-SHA256(customer id)>".
// The customer id is random and says nothing about the person.

let key: Buffer | undefined;

function sign(customerId: string): string {
  key ??= deriveKey("unsubscribe-signature");
  return createHmac("sha256", key).update(`unsubscribe.v1:${customerId}`).digest("base64url");
}

/** The signed unsubscribe token of a customer. */
export function unsubscribeToken(customerId: string): string {
  return `${customerId}.${sign(customerId)}`;
}

/** The customer id inside a valid token, or null (malformed or forged). */
export function verifyUnsubscribeToken(token: string): string | null {
  if (token.length > 200) return null;
  const [customerId, signature, extra] = token.split(".");
  if (!customerId || !signature || extra !== undefined || !/^[A-Za-z0-9_-]{8,64}$/.test(customerId)) return null;
  return safeEqual(signature, sign(customerId)) ? customerId : null;
}

/** The page a person opens from a mail's "unsubscribe" link (GET shows a confirm button). */
export function unsubscribePageUrl(customerId: string): string {
  return `${env().appUrl}/unsubscribe/${unsubscribeToken(customerId)}`;
}

/** The RFC 8058 one-click endpoint (mail clients POST "List-Unsubscribe=One-Click" to it). */
export function oneClickUnsubscribeUrl(customerId: string): string {
  return `${env().appUrl}/api/v1/unsubscribe/${unsubscribeToken(customerId)}`;
}
