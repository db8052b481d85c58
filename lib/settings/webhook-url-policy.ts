import "server-only";
import { BlockList, isIP } from "node:net";
import { env } from "@/lib/env";

/** Addresses a webhook must never reach: this machine, private networks, link-local, reserved. */
const NOT_PUBLIC = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const)
  NOT_PUBLIC.addSubnet(net, prefix, "ipv4");
for (const [net, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["::ffff:0:0", 96],
  ["64:ff9b::", 96],
  ["100::", 64],
  ["2001:db8::", 32],
  ["fc00::", 7],
  ["fe80::", 10],
  ["fec0::", 10],
  ["ff00::", 8],
] as const)
  NOT_PUBLIC.addSubnet(net, prefix, "ipv6");

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet("127.0.0.0", 8, "ipv4");
LOOPBACK.addAddress("::1", "ipv6");

/** Whether test or development setups may send to http://127.0.0.1 / localhost (KEYDESK_WEBHOOK_ALLOW_LOOPBACK). */
export function loopbackWebhooksAllowed(): boolean {
  return env().webhookAllowLoopback;
}

/** True when `address` (an IP) may receive a webhook: public, or loopback when that is allowed. */
export function isAllowedWebhookAddress(address: string, allowLoopback = loopbackWebhooksAllowed()): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  const type = family === 4 ? "ipv4" : "ipv6";
  if (allowLoopback && LOOPBACK.check(address, type)) return true;
  return !NOT_PUBLIC.check(address, type);
}

function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, "");
  return bare === "localhost" || (isIP(bare) !== 0 && LOOPBACK.check(bare, isIP(bare) === 4 ? "ipv4" : "ipv6"));
}

/**
 * Why `url` cannot be a refund-webhook address, or null. It must be https (http only to this
 * machine, and only with KEYDESK_WEBHOOK_ALLOW_LOOPBACK=on — tests and local stand-ins), and its
 * host must not be a private, loopback, link-local or reserved address, nor a local name. Names
 * are resolved again when a webhook is sent (`assertPublicWebhookHost` in the deliverer).
 */
export function webhookUrlProblem(url: string, allowLoopback = loopbackWebhooksAllowed()): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return "Enter an https address.";
  }
  const host = parsed.hostname.toLowerCase();
  const bare = host.replace(/^\[|\]$/g, "");
  const loopback = isLoopbackHost(host);
  if (parsed.username || parsed.password) return "Leave user name and password out of the address.";
  if (parsed.protocol !== "https:" && !(parsed.protocol === "http:" && allowLoopback && loopback))
    return "Use an https address.";
  if (loopback) return allowLoopback ? null : "Use a public address, not this machine.";
  if (host.endsWith(".localhost") || host.endsWith(".local") || host.endsWith(".internal") || !host.includes("."))
    return "Use a public host name, not a local one.";
  if (isIP(bare) !== 0 && !isAllowedWebhookAddress(bare, allowLoopback))
    return "Use a public address, not a private, loopback or link-local one.";
  return null;
}
