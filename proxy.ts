import { NextResponse, type NextRequest } from "next/server";
import { LOCALE_COOKIE, matchLocale } from "@/lib/i18n/locales";

// Runs before every request. It only sets the Content-Security-Policy with a per-request nonce (so
// no inline script runs unless Next.js itself put it there) — authorization is never decided here:
// every page, action and route handler calls a guard from lib/auth itself.
export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const dev = process.env.NODE_ENV === "development";
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // React and Next.js set style attributes at run time; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(request.nextUrl.protocol === "https:" ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
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
  const requestId = crypto.randomUUID();
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

// Product-file uploads skip the proxy: Next.js buffers (and silently cuts at 10 MB) the body of every
// request the proxy sees. The upload route sets its own headers and checks origin and admin itself.
export const config = {
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico|agent/products/[^/]+/files).*)" }],
};
