// The Content-Security-Policy of every response, in one place for both places that stamp it:
// proxy.ts (pages: Next.js puts the nonce on its own scripts) and scripts/server.mjs (the /api/
// routes, which skip the proxy — they render no HTML, and the middleware round trip was a fifth of
// a look-up's time). Plain JavaScript so that server.mjs runs it without a compiler.
import { randomBytes, randomUUID } from "node:crypto";

/** A fresh nonce (16 random bytes, base64). */
export function newNonce() {
  return randomBytes(16).toString("base64");
}

/** A fresh request id (lib/http/request-meta.ts reads it from x-keydesk-request-id). */
export function newRequestId() {
  return randomUUID();
}

/** The policy for one response: scripts only with `nonce` (or loaded by one), nothing framed. */
export function contentSecurityPolicy({ nonce, dev = false, https = false }) {
  return [
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
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}
