// @ts-check
// Static security headers for every response. The Content-Security-Policy (a fresh nonce per
// request) is set in proxy.ts, and HSTS (it depends on APP_URL at run time) in scripts/server.mjs.
import createNextIntlPlugin from "next-intl/plugin";
import { deploymentId, serverActionsKey } from "./scripts/build-identity.mjs";

// next-intl: i18n/request.ts picks each request's language and messages (no URL prefixes).
const withNextIntl = createNextIntlPlugin("./i18n/request.ts");

// Separately built instances of one commit accept each other's forms and pages: the same
// server-action key (from KEYDESK_SECRET, at build and at start) and deployment id on each.
const actionsKey = serverActionsKey();
if (actionsKey) process.env.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY = actionsKey;

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  deploymentId: deploymentId(import.meta.dirname),
  reactStrictMode: true,
  // prom-client: one copy shared with scripts/server.mjs (lib/metrics/registry.ts).
  // @react-email/components: mail templates are rendered by lib/mail/react-markup.ts with Node's own
  // react-dom/server; bundled into the server-action layer it would pull in react-dom/server's
  // react-server stub (and Tailwind, Prettier) for nothing.
  serverExternalPackages: [
    "better-sqlite3",
    "@node-rs/argon2",
    "@prisma/schema-engine-wasm",
    "pg",
    "prom-client",
    "@react-email/components",
  ],
  typedRoutes: false,
  experimental: {
    // Small bodies everywhere: forms carry text (ticket attachments are streamed to their own route,
    // POST /support-attachments, which skips the proxy like product-file uploads). The proxy keeps
    // at most this much of a body (JSON routes refuse anything over 1 000 000 bytes, so a body cut
    // here always ends in a 413, never in a silently shortened request).
    serverActions: { bodySizeLimit: "1mb" },
    proxyClientMaxBodySize: "1mb",
  },
  async headers() {
    const headers = [
      { key: "X-Content-Type-Options", value: "nosniff" },
      { key: "Referrer-Policy", value: "same-origin" },
      { key: "X-Frame-Options", value: "DENY" },
      { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
      { key: "Cross-Origin-Resource-Policy", value: "same-origin" },
      { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
    ];
    return [{ source: "/:path*", headers }];
  },
};

export default withNextIntl(nextConfig);
