// npm run bench [-- --duration=10 --connections=10 --only=health,… --database-url=postgres://…]
//
// Starts the production build (building it first if missing or stale) on a free loopback port with a
// fresh data directory, runs each case of bench/cases.ts with autocannon for a bounded time, prints
// req/s, p50 and p99 next to the same-run baseline (GET /api/health) and writes the numbers to
// bench/results/<time>.json. The load tool shares the machine with the server: compare cases within
// one run, not runs across machines.
import fs from "node:fs";
import path from "node:path";
import autocannon, { type TAutocannonResult } from "autocannon";
import { startAppServer, type TAppServer } from "../test/helpers/app-server";
import { BASELINE_CASE, BENCH_CASES, type TBenchCase } from "./cases";

const RESULTS_DIR = path.resolve(import.meta.dirname, "results");
const WARMUP_SECONDS = 2;

interface TBenchOptions {
  duration: number;
  connections: number;
  only: string[];
  databaseUrl?: string;
}

interface TCaseResult {
  name: string;
  about: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

function parseOptions(argv: string[]): TBenchOptions {
  const value = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const number = (name: string, fallback: number, max: number) => {
    const raw = value(name);
    const parsed = raw === undefined ? fallback : Number(raw);
    if (!Number.isInteger(parsed) || parsed < 1 || parsed > max) throw new Error(`--${name} must be 1…${max}`);
    return parsed;
  };
  const unknown = argv.filter((a) => !/^--(duration|connections|only|database-url)=/.test(a));
  if (unknown.length) throw new Error(`unknown option(s): ${unknown.join(" ")}`);
  return {
    duration: number("duration", 10, 60),
    connections: number("connections", 10, 200),
    only: value("only")?.split(",").filter(Boolean) ?? [],
    databaseUrl: value("database-url"),
  };
}

async function runCase(server: TAppServer, benchCase: TBenchCase, options: TBenchOptions, seconds: number) {
  const request = await benchCase.prepare(server);
  if (!request.path.startsWith("/")) throw new Error(`${benchCase.name}: path must start with /`);
  const result: TAutocannonResult = await autocannon({
    url: `${server.url}${request.path}`,
    method: request.method,
    headers: request.headers,
    body: request.body,
    idReplacement: request.idReplacement,
    connections: options.connections,
    duration: seconds,
    timeout: 10,
  });
  return result;
}

function summarise(benchCase: TBenchCase, result: TAutocannonResult): TCaseResult {
  return {
    name: benchCase.name,
    about: benchCase.about,
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result["2xx"] + result.non2xx,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

function printTable(results: TCaseResult[], baseline: TCaseResult): void {
  const rows = results.map((r) => [
    r.name,
    String(r.requestsPerSecond),
    `${r.p50Ms} ms`,
    `${r.p99Ms} ms`,
    String(r.non2xx),
    String(r.errors + r.timeouts),
    r === baseline
      ? "baseline"
      : `${(r.requestsPerSecond / Math.max(baseline.requestsPerSecond, 1)).toFixed(2)}× req/s, p50 ${r.p50Ms - baseline.p50Ms >= 0 ? "+" : ""}${r.p50Ms - baseline.p50Ms} ms`,
  ]);
  const header = ["case", "req/s", "p50", "p99", "non-2xx", "errors", "vs baseline"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 || i === 6 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
      .join("  ")
      .trimEnd();
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const row of rows) console.log(line(row));
}

async function main() {
  const options = parseOptions(process.argv.slice(2));
  const cases = BENCH_CASES.filter((c) => c === BASELINE_CASE || !options.only.length || options.only.includes(c.name));
  const server = await startAppServer({ databaseUrl: options.databaseUrl });
  const stopOnSignal = () => void server.stop().then(() => process.exit(130));
  process.once("SIGINT", stopOnSignal);
  process.once("SIGTERM", stopOnSignal);
  try {
    console.log(
      `bench: ${server.url} (${options.databaseUrl ? "PostgreSQL" : "SQLite"}), ${options.connections} connections, ${options.duration} s per case`,
    );
    await runCase(server, BASELINE_CASE, options, WARMUP_SECONDS);
    const results: TCaseResult[] = [];
    for (const benchCase of cases) {
      process.stdout.write(`bench: ${benchCase.name} — ${benchCase.about}\n`);
      results.push(summarise(benchCase, await runCase(server, benchCase, options, options.duration)));
    }
    const baseline = results[0];
    if (!baseline) throw new Error("no baseline result");
    console.log("");
    printTable(results, baseline);
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    const file = path.join(RESULTS_DIR, `${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
    fs.writeFileSync(file, `${JSON.stringify({ at: new Date().toISOString(), options, results }, null, 2)}\n`);
    console.log(`\nbench: results in ${path.relative(process.cwd(), file)}`);
    const broken = results.filter((r) => r.errors + r.timeouts > 0 || r.requests === 0);
    if (broken.length) throw new Error(`cases with errors or no answers: ${broken.map((r) => r.name).join(", ")}`);
  } finally {
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
