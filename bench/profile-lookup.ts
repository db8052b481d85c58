// npm run bench:profile [-- --duration=20 --connections=32]
//
// A CPU profile of the server process while it answers POST /api/v1/lookup under load. Starts Keydesk
// like bench/run.ts does, with NODE_OPTIONS="--cpu-prof --cpu-prof-dir=…" (so scripts/server.mjs — the
// Next.js server — writes a .cpuprofile when it exits), sends look-ups of fresh addresses from fresh
// client IPs (the request does the same work for known and unknown addresses: the worker, which is
// off, is what reads the customer), stops the server, and summarises the busiest process's profile
// over exactly the load window (bench/profile-summary.ts). The profile is kept in bench/results/.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startFixture } from "./support/fixture";
import { measure } from "./support/load";
import { ipOf } from "./support/seed";
import { printSummary, summariseProfile, type TCpuProfile } from "./profile-summary";

const argument = (name: string, fallback: number) =>
  Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback);

async function main() {
  const duration = argument("duration", 20);
  const connections = argument("connections", 32);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "keydesk-profile-"));
  const fixture = await startFixture({ env: { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${dir}` } });
  let window: [number, number];
  let requests: number;
  try {
    const request = (i: number) => ({
      method: "POST" as const,
      path: "/api/v1/lookup",
      headers: { "content-type": "application/json", "x-forwarded-for": ipOf(i + 1) },
      body: JSON.stringify({ email: `profiled-${i}@example.com` }),
    });
    // Warm-up (the first requests load the route's modules), then the profiled window.
    await measure(fixture.server.url, { request: (i) => request(5_000_000 + i), connections, seconds: 2 });
    // process.hrtime and V8's profile timestamps are both CLOCK_MONOTONIC on Linux (µs in the profile).
    const from = Number(process.hrtime.bigint() / 1000n);
    const load = await measure(fixture.server.url, { request, connections, seconds: duration });
    window = [from, Number(process.hrtime.bigint() / 1000n)];
    requests = load.requests;
    console.log(
      `profile: ${load.requests} look-ups in ${duration} s at ${connections} connections: ${load.requestsPerSecond.toFixed(0)} req/s, ` +
        `p50 ${load.p50Ms} ms, p99 ${load.p99Ms} ms, ${load.non2xx} non-2xx`,
    );
  } finally {
    await fixture.stop();
  }
  // The busiest profile in the window is the Next.js server's (tsx and start.ts idle meanwhile).
  const profiles = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".cpuprofile"))
    .map((f) => {
      const profile = JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")) as TCpuProfile;
      return { file: f, profile, summary: summariseProfile(profile, window) };
    })
    .sort((a, b) => b.summary.busyMs - a.summary.busyMs);
  const chosen = profiles[0];
  if (!chosen) throw new Error(`no .cpuprofile written in ${dir}`);
  const results = path.resolve(import.meta.dirname, "results");
  fs.mkdirSync(results, { recursive: true });
  const kept = path.join(results, `lookup-${new Date().toISOString().replace(/[:.]/g, "-")}.cpuprofile`);
  fs.copyFileSync(path.join(dir, chosen.file), kept);
  fs.rmSync(dir, { recursive: true, force: true });
  console.log(
    `profile: ${profiles.length} profiles written; the server's is kept as ${path.relative(process.cwd(), kept)}`,
  );
  console.log(
    `profile: summarise again with: npx tsx bench/profile-summary.ts ${path.relative(process.cwd(), kept)} --window=${window[0]}-${window[1]} --per-requests=${requests}`,
  );
  printSummary(path.basename(kept), chosen.summary, 25, requests);
}

main().catch((error: unknown) => {
  console.error(`profile: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
