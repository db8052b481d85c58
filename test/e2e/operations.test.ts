// The operator's view of a running server: GET /api/ready, GET /metrics (bearer only) with request
// counts and latency per route group, one JSON log line per request naming the route pattern (never
// the raw path, which may carry a token) with the request id the response carries, and
// `keydesk status`.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCliOk, startAppServer, type TAppServer } from "../helpers/app-server";

const TOKEN = "e2e-metrics-token-0123456789abcdef";
let server: TAppServer;

beforeAll(async () => {
  server = await startAppServer({ env: { KEYDESK_METRICS_TOKEN: TOKEN, KEYDESK_LOG_LEVEL: "info" } });
});

afterAll(async () => {
  await server?.stop();
});

interface TLogLine {
  msg: string;
  method: string;
  route: string;
  status: number;
  ms: number;
  requestId?: string;
}

function requestLines(): TLogLine[] {
  return server
    .output()
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as TLogLine)
    .filter((line) => line.msg === "request");
}

describe("operations", () => {
  it("answers ready, logs each request by its route pattern, and counts it in /metrics", async () => {
    const readyAnswer = await fetch(`${server.url}/api/ready`);
    expect(readyAnswer.status).toBe(200);
    expect(await readyAnswer.json()).toEqual({ status: "ready", database: "ok", migrations: "ok" });

    const lookup = await fetch(`${server.url}/api/v1/lookup`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "someone@example.com" }),
    });
    expect(lookup.status).toBe(202);
    const secretPath = "/download/SECRET-TOKEN-abcdefghijklmnop";
    const download = await fetch(`${server.url}${secretPath}`, { redirect: "manual" });
    expect((await fetch(`${server.url}/lookup`)).status).toBe(200);

    await server.waitForOutput(/"route":"\/lookup"/);
    const lines = requestLines();
    const api = lines.find((l) => l.route === "/api/v1/lookup");
    expect(api).toMatchObject({ method: "POST", status: 202, requestId: lookup.headers.get("x-request-id") });
    expect(api?.ms).toBeGreaterThanOrEqual(0);
    expect(lines.find((l) => l.route === "/download/[token]")).toMatchObject({ status: download.status });
    // No raw path, token or address in the logs; probes (/api/ready) only at debug level.
    expect(server.output()).not.toContain("SECRET-TOKEN");
    expect(server.output()).not.toContain("someone@example.com");
    expect(lines.find((l) => l.route === "/api/ready")).toBeUndefined();

    expect((await fetch(`${server.url}/metrics`)).status).toBe(401);
    const scrape = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(scrape.status).toBe(200);
    const text = await scrape.text();
    expect(text).toMatch(/^keydesk_http_requests_total\{group="api",method="POST",status="202"\} [1-9]/m);
    expect(text).toMatch(/^keydesk_http_requests_total\{group="portal",method="GET",status="200"\} [1-9]/m);
    expect(text).toMatch(/^keydesk_http_request_duration_seconds_count\{group="api"\} [1-9]/m);
    expect(text).toMatch(/^keydesk_outbox_pending\{channel="task"\} \d/m);
    expect(text).not.toContain("SECRET-TOKEN");
  });

  it("keydesk status prints the queues and the stores at a glance", async () => {
    const before = await runCliOk(server, ["status"]);
    expect(before.stdout).toContain("migrations   all applied");
    expect(before.stdout).toMatch(/outbox mail\s+\d+ pending/);
    expect(before.stdout).toContain("GET /metrics on each web instance");
    expect(before.stdout).toContain("stores       none yet");

    await runCliOk(server, ["store:add", "--provider", "stripe", "--name", "status-shop", "--secret", "whsec_status"]);
    const [id] = (await runCliOk(server, ["store:list"])).stdout.split("\t");
    const forged = await fetch(`${server.url}/api/v1/stores/${id}/webhook`, {
      method: "POST",
      headers: { "content-type": "application/json", "stripe-signature": "t=1,v1=00" },
      body: "{}",
    });
    expect(forged.status).toBe(401);
    const after = await runCliOk(server, ["status"]);
    expect(after.stdout).toMatch(
      /^store +status-shop \(stripe\): 0 events, 0 failed, 0 waiting; 1 refused for a bad signature \(last \d{4}-/m,
    );
  });
});
