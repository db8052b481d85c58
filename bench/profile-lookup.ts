// npm run bench:profile [-- --duration=20 --connections=32 --health --no-fast-path]
//
// --health profiles GET /api/health instead; --no-fast-path starts the server with
// KEYDESK_API_FAST_PATH=off (the route through Next.js, for a before/after on the same machine).
//
// A CPU profile of the server process while it answers POST /api/v1/lookup under load. Node 20 does not
// accept --cpu-prof in NODE_OPTIONS, so this starts the two halves of `npm start` itself: `keydesk
// migrate`, then `node --cpu-prof --cpu-prof-dir=… scripts/server.mjs` (the Next.js server; the mail
// worker stays off, as in bench/run.ts) on a fresh SQLite DATA_DIR. It sends look-ups of fresh
// addresses from fresh client IPs (the request does the same work for known and unknown addresses:
// the worker is what reads the customer), stops the server — which writes the profile — and
// summarises it over exactly the load window (bench/profile-summary.ts). The profile is kept in
// bench/results/.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn } from "node:child_process";
import { pathToFileURL } from "node:url";
import { ensureBuild, freePort, TEST_KEYDESK_SECRET, TEST_WEBHOOK_SECRET } from "../test/helpers/app-server";
import { measure, type TLoadRequest } from "./support/load";
import { ipOf, runCliChecked } from "./support/seed";
import { printSummary, summariseProfile, type TCpuProfile } from "./profile-summary";

const ROOT = path.resolve(import.meta.dirname, "..");

/** CPU time (user + system) a process has used so far, in ms (Linux /proc; clock ticks of 10 ms). */
function cpuMsOf(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  // After "pid (comm) ": state is field 3, utime field 14, stime field 15 → indexes 11 and 12 here.
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Asks the server's count-sql preload for its counts since the last ask; returns them. */
async function sqlCounts(pid: number, dir: string, dump: number): Promise<[string, number][]> {
  process.kill(pid, "SIGUSR2");
  const file = path.join(dir, `sql-${dump}.json`);
  for (let i = 0; i < 100 && !fs.existsSync(file); i++) await new Promise((resolve) => setTimeout(resolve, 50));
  return JSON.parse(fs.readFileSync(file, "utf8")) as [string, number][];
}

const argument = (name: string, fallback: number) =>
  Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback);

async function main() {
  const duration = argument("duration", 20);
  const connections = argument("connections", 32);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "keydesk-profile-"));
  const dataDir = path.join(dir, "data");
  ensureBuild();
  const port = await freePort();
  const inherited = Object.entries(process.env).filter(
    ([key]) =>
      !/^(DATABASE_URL|DATA_DIR|APP_URL|PORT|SMTP_URL|NODE_ENV|NODE_OPTIONS|TRUST_PROXY|KEYDESK_.*|AUTH_.*)$/.test(key),
  );
  const env: Record<string, string> = {
    ...(Object.fromEntries(inherited) as Record<string, string>),
    NEXT_TELEMETRY_DISABLED: "1",
    NODE_ENV: "production",
    PORT: String(port),
    APP_URL: `http://localhost:${port}`,
    DATA_DIR: dataDir,
    KEYDESK_SECRET: TEST_KEYDESK_SECRET,
    KEYDESK_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET,
    TRUST_PROXY: "1",
    ...(process.argv.includes("--no-fast-path") ? { KEYDESK_API_FAST_PATH: "off" } : {}),
  };
  await runCliChecked({ env }, ["migrate"]);
  const countSql = path.join(import.meta.dirname, "support/count-sql.mjs");
  const serverEnv: Record<string, string> = { ...env, KEYDESK_SQL_COUNT_DIR: dir };
  const server = spawn(
    process.execPath,
    ["--cpu-prof", `--cpu-prof-dir=${dir}`, `--import=${pathToFileURL(countSql).href}`, "scripts/server.mjs"],
    { cwd: ROOT, env: serverEnv as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  server.stdout.on("data", (chunk: Buffer) => (output = (output + chunk.toString("utf8")).slice(-8_000)));
  server.stderr.on("data", (chunk: Buffer) => (output = (output + chunk.toString("utf8")).slice(-8_000)));
  const exited = new Promise<void>((resolve) => server.once("exit", () => resolve()));
  const url = `http://localhost:${port}`;
  let window: [number, number];
  let requests: number;
  let cpuMs: number;
  let sql: [string, number][];
  try {
    for (let attempt = 0; ; attempt++) {
      const healthy = await fetch(`${url}/api/health`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (healthy) break;
      if (attempt > 240 || server.exitCode !== null) throw new Error(`server did not start:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const request = (i: number): TLoadRequest =>
      process.argv.includes("--health")
        ? { path: "/api/health", headers: {} }
        : {
            method: "POST",
            path: "/api/v1/lookup",
            headers: { "content-type": "application/json", "x-forwarded-for": ipOf(i + 1) },
            body: JSON.stringify({ email: `profiled-${i}@example.com` }),
          };
    // Warm-up (the first requests load the route's modules), then the profiled window.
    await measure(url, { request: (i) => request(5_000_000 + i), connections, seconds: 2 });
    // process.hrtime and V8's profile timestamps are both CLOCK_MONOTONIC on Linux (µs in the profile).
    const pid = server.pid ?? 0;
    await sqlCounts(pid, dir, 1);
    const cpuBefore = cpuMsOf(pid);
    const from = Number(process.hrtime.bigint() / 1000n);
    const load = await measure(url, { request, connections, seconds: duration });
    window = [from, Number(process.hrtime.bigint() / 1000n)];
    cpuMs = cpuMsOf(pid) - cpuBefore;
    sql = await sqlCounts(pid, dir, 2);
    requests = load.requests;
    console.log(
      `profile: ${load.requests} requests in ${duration} s at ${connections} connections: ${load.requestsPerSecond.toFixed(0)} req/s, ` +
        `p50 ${load.p50Ms} ms, p99 ${load.p99Ms} ms, statuses ${JSON.stringify(load.statuses)}`,
    );
  } finally {
    server.kill("SIGTERM");
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 15_000))]);
    if (server.exitCode === null) server.kill("SIGKILL");
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
  if (chosen.summary.totalMs === 0) throw new Error("no samples in the load window (clock mismatch?)");
  console.log(
    `profile: ${profiles.length} profiles written; the server's is kept as ${path.relative(process.cwd(), kept)}`,
  );
  console.log(
    `profile: summarise again with: npx tsx bench/profile-summary.ts ${path.relative(process.cwd(), kept)} --window=${window[0]}-${window[1]} --per-requests=${requests}`,
  );
  const statements = sql.reduce((sum, [, n]) => sum + n, 0);
  console.log(
    `profile: server process CPU (user + system, /proc) ${cpuMs.toFixed(0)} ms in the window → ${(cpuMs / requests).toFixed(2)} ms per request ` +
      `(the profile's samples below are wall time: on a busy machine they include time the process waited for a core)`,
  );
  console.log(`profile: ${statements} SQL statements run → ${(statements / requests).toFixed(2)} per request:`);
  for (const [text, n] of sql.slice(0, 12))
    console.log(`${(n / requests).toFixed(2).padStart(8)} × ${text.replace(/\s+/g, " ").slice(0, 160)}`);
  printSummary(path.basename(kept), chosen.summary, 25, requests);
}

main().catch((error: unknown) => {
  console.error(`profile: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
