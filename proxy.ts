import { NextResponse, type NextRequest } from "next/server";

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
    // The guest form's proof of work runs in a Web Worker served from this site.
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(request.nextUrl.protocol === "https:" ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", csp);
  // One id per request (a client's own value is overwritten): lib/http/request-meta.ts hands it to
  // every use case, so a log line can be tied to its audit event; the response names it for support.
  const requestId = crypto.randomUUID();
  requestHeaders.set("x-keydesk-request-id", requestId);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  response.headers.set("X-Request-Id", requestId);
  return response;
}

// Uploads skip the proxy: Next.js buffers (and silently cuts at proxyClientMaxBodySize, 1 MB in
// next.config.js) the body of every request the proxy sees. Product-file uploads (admins) and ticket
// attachments (POST /support-attachments) stream their bodies themselves, stopping at their limits,
// and check origin and uploader before reading.
export const config = {
  matcher: [
    { source: "/((?!_next/static|_next/image|favicon.ico|agent/products/[^/]+/files|support-attachments$).*)" },
  ],
};
