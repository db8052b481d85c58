// One load measurement with autocannon: a fixed number of connections for a fixed time, each request
// built fresh when the case needs it (a new client IP, address or order number per request).
import autocannon, { type TAutocannonRequest, type TAutocannonResult } from "autocannon";

export interface TLoadRequest {
  method?: "GET" | "POST";
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface TLoadSpec {
  /** The same request every time, or a fresh one per request (`i` counts from 0 within the run). */
  request: TLoadRequest | ((i: number) => TLoadRequest);
  connections: number;
  seconds: number;
}

export interface TLoadResult {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** In the JSON only: where the tail starts and how far it goes. */
  p90Ms: number;
  maxMs: number;
  requests: number;
  non2xx: number;
  /** Connection errors and timeouts. */
  errors: number;
  /** Responses per HTTP status code, e.g. { "200": 812, "429": 3 }. */
  statuses: Record<string, number>;
}

/** Runs the load against `baseUrl` and summarises it (3xx counts as non-2xx: cases must not redirect). */
export async function measure(baseUrl: string, spec: TLoadSpec): Promise<TLoadResult> {
  const { request } = spec;
  const fixed = typeof request === "function" ? request(0) : request;
  let i = 0;
  const result: TAutocannonResult = await autocannon({
    url: baseUrl,
    connections: spec.connections,
    duration: spec.seconds,
    timeout: 10,
    requests: [
      {
        method: fixed.method ?? "GET",
        path: fixed.path,
        headers: fixed.headers,
        body: fixed.body,
        ...(typeof request === "function"
          ? {
              // Keep what autocannon filled in (host, port…): without it the Host header is missing.
              setupRequest: (current: TAutocannonRequest) => {
                const next = request(i++);
                return {
                  ...current,
                  method: next.method ?? "GET",
                  path: next.path,
                  headers: next.headers,
                  body: next.body,
                };
              },
            }
          : {}),
      },
    ],
  });
  return {
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    p90Ms: result.latency.p90,
    maxMs: result.latency.max,
    requests: result["2xx"] + result.non2xx,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    statuses: Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, stat]) => [code, stat.count])),
  };
}

/**
 * Waits until the server has worked off what the previous case left queued: autocannon stops sending
 * at the end of a case, but requests already received are still being answered, and the next case
 * would measure that backlog. Polls GET /api/health one request at a time until one answers within
 * 2 s; returns the seconds waited (throws after `maxSeconds`).
 */
export async function settle(baseUrl: string, maxSeconds = 300): Promise<number> {
  const started = performance.now();
  for (;;) {
    const asked = performance.now();
    const answered = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(30_000) }).then(
      async (response) => {
        await response.arrayBuffer();
        return true;
      },
      () => false,
    );
    if (answered && performance.now() - asked < 2_000) return (performance.now() - started) / 1000;
    if ((performance.now() - started) / 1000 > maxSeconds)
      throw new Error(`server still busy ${maxSeconds} s after the previous case`);
  }
}

/** "812 ms", or what happened when nothing came back. */
export function latencyText(load: TLoadResult, ms: number): string {
  if (load.requests === 0) return "no answer in 10 s";
  return `${ms >= 10 ? Math.round(ms) : ms.toFixed(2)} ms`;
}
