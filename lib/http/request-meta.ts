import "server-only";
import { randomUUID } from "node:crypto";
import { headers } from "next/headers";
import { clientIp, userAgentOf } from "@/lib/http/client-info";

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
}

/** The header proxy.ts sets (overwriting any a client sent) with a fresh id per request. */
export const REQUEST_ID_HEADER = "x-keydesk-request-id";

/** Request meta from a request's headers (route handlers). */
export function requestMetaOf(requestHeaders: Headers): TRequestMeta {
  const stamped = requestHeaders.get(REQUEST_ID_HEADER);
  return {
    ip: clientIp(requestHeaders),
    userAgent: userAgentOf(requestHeaders),
    requestId: stamped && /^[\w-]{8,64}$/.test(stamped) ? stamped : randomUUID(),
  };
}

/** Request meta of the current server action or page render. */
export async function currentRequestMeta(): Promise<TRequestMeta> {
  return requestMetaOf(await headers());
}

/** Meta for work that no request started (CLI, worker, tests). */
export function systemMeta(): TRequestMeta {
  return { ip: null, userAgent: null, requestId: randomUUID() };
}
