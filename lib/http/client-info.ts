import { env } from "@/lib/env";

/**
 * The client's IP: the socket address, or — when TRUST_PROXY=n — the n-th address from the right of
 * X-Forwarded-For (the one our own outermost proxy saw), so a client cannot spoof it by sending
 * its own header. scripts/server.mjs computes it from the socket and passes it as
 * `x-keydesk-client-ip` (overwriting any such header from the client). Without that server (bare
 * `next start`), the last X-Forwarded-For entry is used, which a client can forge.
 */
export function clientIp(headers: Headers): string {
  // Only scripts/server.mjs sets (and always overwrites) this header; elsewhere a client could send it.
  const fromServer = env().behindKeydeskServer ? headers.get("x-keydesk-client-ip") : null;
  if (fromServer) return fromServer.replace(/^::ffff:/, "");
  const chain = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const fromRight = env().trustProxy;
  const ip = chain[chain.length - 1 - fromRight] ?? chain[0] ?? headers.get("x-real-ip") ?? "unknown";
  return ip.replace(/^::ffff:/, "");
}

export function userAgentOf(headers: Headers): string | null {
  return headers.get("user-agent")?.slice(0, 300) ?? null;
}

/**
 * Same-origin check for state-changing requests that rely on cookies: the Origin header (or, when
 * a browser omits it, Sec-Fetch-Site) must name this site.
 */
export function isSameOrigin(headers: Headers): boolean {
  const origin = headers.get("origin");
  if (origin) return origin === env().appOrigin || origin === hostOrigin(headers);
  const site = headers.get("sec-fetch-site");
  return site === "same-origin" || site === "none";
}

function hostOrigin(headers: Headers): string | null {
  const host = headers.get("host");
  if (!host) return null;
  const proto = env().trustProxy > 0 ? (headers.get("x-forwarded-proto") ?? "http") : env().appUrl.split(":")[0];
  return `${proto}://${host}`;
}
