import "server-only";
import { randomUUID } from "node:crypto";
import { headers } from "next/headers";
import { clientIp, userAgentOf } from "@/lib/http/client-info";
import { DEFAULT_LOCALE, LOCALE_COOKIE, negotiateLocale, type TLocale } from "@/lib/i18n/locales";

/**
 * Where a request comes from, as every use case receives it (third argument): the client's IP (for
 * rate limits and the audit log), its user agent (shown in access history), and the request id that
 * the proxy stamped on the request (it ties a log line to an audit event).
 */
export interface TRequestMeta {
  /** Null for work no client started (CLI, worker). */
  ip: string | null;
  userAgent: string | null;
  requestId: string;
  /** The language the visitor reads (lib/i18n/locales.ts); English for work no client started. */
  locale: TLocale;
}

/**
 * The header proxy.ts (pages) and scripts/server.mjs (/api/) set with a fresh id per request,
 * overwriting any a client sent.
 */
export const REQUEST_ID_HEADER = "x-keydesk-request-id";

/** One cookie's value from a Cookie header, or null. */
function cookieValue(header: string | null, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

/** Request meta from a request's headers (route handlers). */
export function requestMetaOf(requestHeaders: Headers): TRequestMeta {
  const stamped = requestHeaders.get(REQUEST_ID_HEADER);
  return {
    ip: clientIp(requestHeaders),
    userAgent: userAgentOf(requestHeaders),
    requestId: stamped && /^[\w-]{8,64}$/.test(stamped) ? stamped : randomUUID(),
    locale: negotiateLocale({
      cookie: cookieValue(requestHeaders.get("cookie"), LOCALE_COOKIE),
      acceptLanguage: requestHeaders.get("accept-language"),
    }),
  };
}

/** Request meta of the current server action or page render. */
export async function currentRequestMeta(): Promise<TRequestMeta> {
  return requestMetaOf(await headers());
}

/** Meta for work that no request started (CLI, worker, tests). */
export function systemMeta(): TRequestMeta {
  return { ip: null, userAgent: null, requestId: randomUUID(), locale: DEFAULT_LOCALE };
}
