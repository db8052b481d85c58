import "server-only";
import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import { isIP, type LookupFunction } from "node:net";
import { isAllowedWebhookAddress, loopbackWebhooksAllowed, webhookUrlProblem } from "@/lib/settings/webhook-url-policy";

/**
 * A DNS look-up for the webhook's connection that refuses a name resolving to any private,
 * loopback or link-local address. It runs when the socket connects, so the checked address is the
 * one connected to (a name that changes its answer between a check and the request cannot slip by).
 */
function guardedLookup(allowLoopback: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, "", 0);
      const list = Array.isArray(addresses) ? addresses : [];
      if (list.length === 0 || list.some((a) => !isAllowedWebhookAddress(a.address, allowLoopback))) {
        return callback(
          new Error("the refund webhook host resolves to a private, loopback or link-local address"),
          "",
          0,
        );
      }
      if (options.all) return callback(null, list);
      const first = list[0]!;
      return callback(null, first.address, first.family);
    });
  };
}

/** Resolves a webhook host name as the deliverer would, refusing non-public answers (exported for tests). */
export function assertPublicWebhookHost(hostname: string, allowLoopback = loopbackWebhooksAllowed()): Promise<void> {
  return new Promise((resolve, reject) => {
    guardedLookup(allowLoopback)(hostname, {}, (error) => (error ? reject(error) : resolve()));
  });
}

/**
 * POSTs `body` to the refund webhook `url` and answers its HTTP status. The address is checked
 * again here (https, not private/loopback/link-local — a stored setting may predate the rule) and
 * every name is resolved through `guardedLookup`. Redirects are not followed.
 */
export function postWebhook(
  url: string,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
): Promise<number> {
  const allowLoopback = loopbackWebhooksAllowed();
  const problem = webhookUrlProblem(url, allowLoopback);
  if (problem) return Promise.reject(new Error(`refund webhook address refused: ${problem}`));
  const target = new URL(url);
  const client = target.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.request(
      target,
      {
        method: "POST",
        headers: { ...headers, "content-length": String(Buffer.byteLength(body)) },
        // Literal IPs were checked above (Node does not look them up); names are checked on connect.
        ...(isIP(target.hostname.replace(/^\[|\]$/g, "")) ? {} : { lookup: guardedLookup(allowLoopback) }),
        timeout: timeoutMs,
      },
      (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      },
    );
    request.on("timeout", () => request.destroy(new Error("refund webhook timed out")));
    request.on("error", reject);
    request.end(body);
  });
}
