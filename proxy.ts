import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy, newNonce, newRequestId } from "./scripts/security-policy.mjs";
import { LOCALE_COOKIE, matchLocale } from "@/lib/i18n/locales";

// Runs before every page request. It only sets the Content-Security-Policy with a per-request nonce
// (so no inline script runs unless Next.js itself put it there) — authorization is never decided
// here: every page, action and route handler calls a guard from lib/auth itself. The /api/ routes
// skip it: scripts/server.mjs stamps the same headers on them (they render no HTML).
export function proxy(request: NextRequest) {
  const nonce = newNonce();
  const csp = contentSecurityPolicy({
    nonce,
    dev: process.env.NODE_ENV === "development",
    https: request.nextUrl.protocol === "https:",
  });
  // Languages (i18n/request.ts): `?lang=xx` (the hreflang alternates) becomes the visitor's language
  // cookie, already for this request; the agent console is always English.
  const lang = matchLocale(request.nextUrl.searchParams.get("lang") ?? "");
  if (lang) request.cookies.set(LOCALE_COOKIE, lang);
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set(CONSOLE_HEADER, /^\/agent(\/|$)/.test(request.nextUrl.pathname) ? "1" : "0");
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", csp);
  // One id per request (a client's own value is overwritten): lib/http/request-meta.ts hands it to
  // every use case, so a log line can be tied to its audit event; the response names it for support.
  const requestId = newRequestId();
  requestHeaders.set("x-keydesk-request-id", requestId);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  response.headers.set("X-Request-Id", requestId);
  if (lang) {
    const secure = request.nextUrl.protocol === "https:";
    response.cookies.set({
      name: LOCALE_COOKIE,
      value: lang,
      path: "/",
      maxAge: 31_536_000,
      sameSite: "lax",
      httpOnly: true,
      secure,
    });
  }
  return response;
}

/** Set (by the proxy only) to "1" on requests for the agent console: its pages are English (i18n/request.ts). */
const CONSOLE_HEADER = "x-keydesk-console";

// Uploads skip the proxy: Next.js buffers (and silently cuts at proxyClientMaxBodySize, 1 MB in
// next.config.js) the body of every request the proxy sees. Product-file uploads (admins) and ticket
// attachments (POST /support-attachments) stream their bodies themselves, stopping at their limits,
// and check origin and uploader before reading. The /api/ routes get their headers from
// scripts/server.mjs instead.
export const config = {
  matcher: [
    {
      source: "/((?!api/|_next/static|_next/image|favicon.ico|agent/products/[^/]+/files|support-attachments$).*)",
    },
  ],
};
