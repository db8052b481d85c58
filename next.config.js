// @ts-check
// Static security headers for every response. The Content-Security-Policy (a fresh nonce per
// request) is set in proxy.ts, and HSTS (it depends on APP_URL at run time) in scripts/server.mjs.
import { deploymentId, serverActionsKey } from "./scripts/build-identity.mjs";

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
  serverExternalPackages: ["better-sqlite3", "@node-rs/argon2", "@prisma/schema-engine-wasm", "pg", "prom-client"],
  typedRoutes: false,
  experimental: {
    // Support tickets accept up to 5 attachments of 10 MB each through server actions; the proxy
    // would otherwise cut request bodies at 10 MB.
    serverActions: { bodySizeLimit: "52mb" },
    proxyClientMaxBodySize: "52mb",
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

export default nextConfig;
