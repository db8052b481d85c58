import "server-only";
import { createHash } from "node:crypto";
import { log } from "@/lib/log";
import { parseWith } from "@/lib/stores/providers/_shared/body";
import { ZPayPalToken, ZPayPalVerification } from "@/lib/stores/providers/paypal-schemas";
import type { TStoreConfig, TVerifyResult } from "@/lib/stores/types";

// PayPal's REST API as the connector uses it: an OAuth 2 token from the store's client id and
// secret (cached per API host and client until a minute before it expires), and the
// verify-webhook-signature call that is PayPal's own check of a delivery.

/** PayPal's live REST API host (a store's `apiBase` replaces it: sandbox, or a test stand-in). */
export const PAYPAL_API_BASE = "https://api-m.paypal.com";
const TIMEOUT_MS = 10_000;
const EARLY_EXPIRY_MS = 60_000;

const tokens = new Map<string, { token: string; expiresAt: number }>();

/** The store's API credentials: the API key field holds "<client id>:<client secret>". */
export function payPalCredentials(store: TStoreConfig): { clientId: string; clientSecret: string } | null {
  const key = store.apiKey ?? "";
  const at = key.indexOf(":");
  if (at <= 0 || at === key.length - 1) return null;
  return { clientId: key.slice(0, at).trim(), clientSecret: key.slice(at + 1).trim() };
}

export function payPalBase(store: TStoreConfig): string {
  return (store.apiBase ?? PAYPAL_API_BASE).replace(/\/+$/, "");
}

function cacheKey(store: TStoreConfig): string {
  // The secret is part of the key (a changed secret gets a new token), hashed: never kept in clear.
  return createHash("sha256")
    .update(`${payPalBase(store)}\u0000${store.apiKey ?? ""}`)
    .digest("hex");
}

/** An access token for the store's credentials, from the cache or `POST /v1/oauth2/token`. */
export async function payPalToken(store: TStoreConfig, now = Date.now()): Promise<string> {
  const key = cacheKey(store);
  const cached = tokens.get(key);
  if (cached && cached.expiresAt > now) return cached.token;
  const credentials = payPalCredentials(store);
  if (!credentials) throw new Error('The store\'s API key is not "<client id>:<client secret>"');
  const basic = Buffer.from(`${credentials.clientId}:${credentials.clientSecret}`).toString("base64");
  const response = await fetch(`${payPalBase(store)}/v1/oauth2/token`, {
    method: "POST",
    headers: {
      authorization: `Basic ${basic}`,
      "content-type": "application/x-www-form-urlencoded",
      accept: "application/json",
    },
    body: "grant_type=client_credentials",
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  if (!response.ok) throw new Error(`PayPal refused the client credentials (${response.status})`);
  const body = parseWith(ZPayPalToken, await response.json(), "PayPal's token");
  tokens.set(key, { token: body.access_token, expiresAt: now + body.expires_in * 1000 - EARLY_EXPIRY_MS });
  return body.access_token;
}

/** Forgets the store's token (PayPal answered 401: revoked or expired early). */
export function forgetPayPalToken(store: TStoreConfig): void {
  tokens.delete(cacheKey(store));
}

/** Calls PayPal with the store's bearer token; once more with a fresh token after a 401. */
export async function payPalFetch(store: TStoreConfig, path: string, init: RequestInit = {}): Promise<Response> {
  for (let attempt = 0; ; attempt += 1) {
    const headers = new Headers(init.headers);
    headers.set("authorization", `Bearer ${await payPalToken(store)}`);
    headers.set("accept", "application/json");
    const response = await fetch(`${payPalBase(store)}${path}`, {
      ...init,
      headers,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (response.status !== 401 || attempt > 0) return response;
    forgetPayPalToken(store);
  }
}

const HEADERS = {
  transmission_id: "paypal-transmission-id",
  transmission_time: "paypal-transmission-time",
  transmission_sig: "paypal-transmission-sig",
  cert_url: "paypal-cert-url",
  auth_algo: "paypal-auth-algo",
} as const;

/**
 * PayPal's verdict on a delivery (`POST /v1/notifications/verify-webhook-signature`), for each of
 * the store's webhook ids (the current one, and the previous one within its 24 h): SUCCESS → ok,
 * FAILURE for all → bad signature; PayPal unreachable or refusing the credentials → unverifiable
 * (the delivery is answered 503 and PayPal retries it).
 */
export async function verifyWithPayPal(headers: Headers, rawBody: Buffer, store: TStoreConfig): Promise<TVerifyResult> {
  const sent = Object.fromEntries(Object.entries(HEADERS).map(([field, header]) => [field, headers.get(header)]));
  if (Object.values(sent).some((value) => !value)) return { ok: false, reason: "missing_signature" };
  const raw = rawBody.toString("utf8");
  try {
    JSON.parse(raw);
  } catch {
    return { ok: false, reason: "bad_signature" };
  }
  if (store.secrets.length === 0 || !payPalCredentials(store)) return { ok: false, reason: "unverifiable" };
  try {
    for (const webhookId of store.secrets) {
      const response = await payPalFetch(store, "/v1/notifications/verify-webhook-signature", {
        method: "POST",
        headers: { "content-type": "application/json" },
        // The event as received, byte for byte: PayPal's check covers the body it sent (a
        // re-serialised copy may differ in number or escape formatting and fail).
        body: `${JSON.stringify({ ...sent, webhook_id: webhookId }).slice(0, -1)},"webhook_event":${raw}}`,
      });
      if (!response.ok) {
        log.warn("PayPal did not verify a delivery", { status: response.status, store: store.id });
        // PayPal refusing the request itself (malformed headers) is a failed check; its outage is not.
        const refused = response.status >= 400 && response.status < 500 && response.status !== 429;
        if (refused && response.status !== 401) continue;
        return { ok: false, reason: "unverifiable" };
      }
      const verdict = parseWith(ZPayPalVerification, await response.json(), "PayPal's verification");
      if (verdict.verification_status === "SUCCESS") return { ok: true };
    }
    return { ok: false, reason: "bad_signature" };
  } catch (error) {
    log.warn("PayPal could not be asked to verify a delivery", {
      store: store.id,
      error: error instanceof Error ? error.message : String(error),
    });
    return { ok: false, reason: "unverifiable" };
  }
}
