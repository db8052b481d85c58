// The look-up, health and readiness endpoints answered by scripts/api-fast-path.mjs (the compiled
// route handler called straight from node:http) and by Next.js (KEYDESK_API_FAST_PATH=off): two
// servers of the same build, the same requests, the same answers — status, body and every header
// but the per-response ones (date, request id, CSP nonce) and the framing. The framing is how the
// test knows which way answered: the fast path sends Content-Length, Next.js streams route
// handler answers chunked.
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppServer, type TAppServer } from "../helpers/app-server";

let fast: TAppServer;
let framework: TAppServer;

beforeAll(async () => {
  // TRUST_PROXY=1: each request names its client IP in X-Forwarded-For, so the rate limits are
  // reached on purpose and nowhere else.
  fast = await startAppServer({ env: { TRUST_PROXY: "1" } });
  framework = await startAppServer({ env: { TRUST_PROXY: "1", KEYDESK_API_FAST_PATH: "off" } });
});

afterAll(async () => {
  await Promise.all([fast?.stop(), framework?.stop()]);
});

interface TAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
  framing: "length" | "chunked" | "none";
}

// Per response, or how the bytes travel rather than what they say: Next.js gzips even a 30-byte
// answer for a client that accepts it (fetch does; the body compared is the decoded one), and Vary
// names that and Next.js's own router headers (rsc, next-router-…), meaningless on an API answer
// that is a POST or says no-store.
const UNCOMPARED = new Set([
  "date",
  "connection",
  "keep-alive",
  "content-length",
  "transfer-encoding",
  "content-encoding",
  "vary",
]);

function answerOf(status: number, entries: Iterable<[string, string]>, body: string): TAnswer {
  const headers: Record<string, string> = {};
  for (const [name, value] of entries) if (!UNCOMPARED.has(name)) headers[name] = value;
  expect(headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  headers["x-request-id"] = "(fresh)";
  expect(headers["content-security-policy"]).toMatch(/'nonce-[A-Za-z0-9+/=]{24}'/);
  headers["content-security-policy"] = headers["content-security-policy"]!.replace(/'nonce-[^']+'/, "'nonce-…'");
  const framing = new Map(entries);
  return {
    status,
    headers,
    body,
    framing: framing.has("content-length")
      ? "length"
      : framing.get("transfer-encoding") === "chunked"
        ? "chunked"
        : "none",
  };
}

async function call(server: TAppServer, path: string, init: RequestInit = {}): Promise<TAnswer> {
  const response = await fetch(`${server.url}${path}`, init);
  return answerOf(response.status, [...response.headers], await response.text());
}

/** The look-up's body limit (lib/http/routes.ts). */
const MAX_BODY_BYTES = 1_000_000;

/**
 * POSTs a body over the limit on a connection of its own and waits for the answer without ending
 * the request: declared (Content-Length 3 MB, nothing sent — the limit is read from the header) or
 * chunked (one byte over the limit, all of which the server reads). Nothing the server leaves
 * unread is in flight when it answers: Next.js closes the connection after a 413, and closing over
 * unread bytes sends a reset that can destroy the answer before the client reads it (CI saw EPIPE).
 * That both servers answer before the body ends also shows they stop reading at the limit.
 */
function postLarge(server: TAppServer, ip: string, framing: "declared" | "chunked"): Promise<TAnswer> {
  return new Promise((resolve, reject) => {
    const request = http.request(`${server.url}/api/v1/lookup`, {
      method: "POST",
      agent: false,
      headers: {
        "content-type": "application/json",
        "x-forwarded-for": ip,
        ...(framing === "chunked" ? { "transfer-encoding": "chunked" } : { "content-length": "3000000" }),
      },
    });
    request.on("response", (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (body += chunk));
      response.on("end", () => {
        const entries = Object.entries(response.headers).map(
          ([name, value]) => [name, String(value)] as [string, string],
        );
        resolve(answerOf(response.statusCode ?? 0, entries, body));
        request.destroy();
      });
    });
    request.on("error", reject);
    if (framing === "chunked") request.write(Buffer.alloc(MAX_BODY_BYTES + 1, 0x61));
    else request.flushHeaders();
  });
}

/** Expects the fast path's answer `a` and Next.js's `b` alike; `servedFast`: which way `a` came. */
function expectAlike(a: TAnswer, b: TAnswer, servedFast = true): TAnswer {
  // Each server's rate-limit window started at its own first request, a moment apart.
  if (a.headers["retry-after"] && b.headers["retry-after"]) {
    expect(Math.abs(Number(a.headers["retry-after"]) - Number(b.headers["retry-after"]))).toBeLessThanOrEqual(1);
    b.headers["retry-after"] = a.headers["retry-after"];
  }
  expect({ ...a, framing: undefined }).toEqual({ ...b, framing: undefined });
  expect(b.framing).toBe("chunked");
  expect(a.framing).toBe(servedFast ? "length" : "chunked");
  return a;
}

/** The same request to both servers; expects equal answers and returns the fast path's. */
async function both(path: string, init: () => RequestInit = () => ({}), servedFast = true): Promise<TAnswer> {
  return expectAlike(await call(fast, path, init()), await call(framework, path, init()), servedFast);
}

const lookup = (body: string, ip: string): RequestInit => ({
  method: "POST",
  headers: { "content-type": "application/json", "x-forwarded-for": ip },
  body,
});

describe("the API fast path answers like Next.js", () => {
  it("for health and readiness", async () => {
    const health = await both("/api/health");
    expect(health).toMatchObject({ status: 200, body: '{"status":"ok","database":"ok"}' });
    expect(health.headers).toMatchObject({ "cache-control": "no-store", "x-content-type-options": "nosniff" });
    expect((await both("/api/ready")).status).toBe(200);
  });

  it("for a look-up, a malformed address, a body that is not JSON", async () => {
    const sent = await both("/api/v1/lookup", () => lookup(JSON.stringify({ email: "fast@example.com" }), "192.0.2.1"));
    expect(sent).toMatchObject({ status: 202, body: '{"status":"sent"}' });
    expect(sent.headers).toMatchObject({ "content-type": "application/json", "x-frame-options": "DENY" });

    const invalid = await both("/api/v1/lookup", () => lookup(JSON.stringify({ email: "nope" }), "192.0.2.2"));
    expect(invalid.status).toBe(400);
    expect(Object.keys((JSON.parse(invalid.body) as { error: { fields: object } }).error.fields)).toEqual(["email"]);
    expect((await both("/api/v1/lookup", () => lookup("{nope", "192.0.2.2"))).status).toBe(400);
  });

  it("for bodies over 1 MB, declared or chunked (413)", async () => {
    for (const framing of ["declared", "chunked"] as const) {
      const answers = [
        await postLarge(fast, "192.0.2.3", framing),
        await postLarge(framework, "192.0.2.3", framing),
      ] as const;
      expect(expectAlike(...answers).status).toBe(413);
    }
  });

  it("for a client over its look-up limit (429 with Retry-After)", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) {
      const init = () => lookup(JSON.stringify({ email: `flood${i}@example.com` }), "192.0.2.4");
      statuses.push((await both("/api/v1/lookup", init)).status);
    }
    expect(statuses).toEqual(Array(10).fill(202));
    const limited = await both("/api/v1/lookup", () =>
      lookup(JSON.stringify({ email: "last@example.com" }), "192.0.2.4"),
    );
    expect(limited.status).toBe(429);
    expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
    // TRUST_PROXY=1: the client is the address our proxy saw, so another one is not limited.
    const other = await both("/api/v1/lookup", () =>
      lookup(JSON.stringify({ email: "other@example.com" }), "192.0.2.5"),
    );
    expect(other.status).toBe(202);
  });

  it("leaves other methods to Next.js (405)", async () => {
    expect((await both("/api/v1/lookup", () => ({}), false)).status).toBe(405);
    expect((await both("/api/health", () => ({ method: "POST" }), false)).status).toBe(405);
  });
});
