// The real Keydesk server for e2e tests and benchmarks, started the way an operator starts it.
//
//   const server = await startAppServer({ smtpUrl: sink.url });    // in beforeAll
//   await page.goto(`${server.url}/agent/login`);                   // always http://localhost:<port>
//   await runCli(server, ["agent:create", "--email", "a@example.com", "--name", "A", "--role", "admin"],
//     { KEYDESK_AGENT_PASSWORD: "correct horse battery staple" });  // same DATA_DIR / DATABASE_URL / secret
//   await server.waitForOutput(/create one at (\S+)/);              // read what `npm start` printed
//   startAppServer({ beforeStart: (s) => runCliOk(s, [...]) })      // CLI before the server holds the DB
//   await server.stop();                                            // in afterAll: kills the process group
//
// `startAppServer` runs `tsx --conditions=react-server scripts/start.ts` (migrations, then the Next.js
// server, plus the in-process mail worker) on a free port with a fresh temporary DATA_DIR, a fixed test
// KEYDESK_SECRET and KEYDESK_WEBHOOK_SECRET, and waits until `GET /api/health` answers 200. The
// production build is made once, up front, when `.next/BUILD_ID` is missing or older than the sources
// (so a test never passes against code that is no longer there).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import net from "node:net";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";

const ROOT = path.resolve(import.meta.dirname, "../..");
const TSX_BIN = path.join(ROOT, "node_modules/.bin/tsx");
const NEXT_BIN = path.join(ROOT, "node_modules/next/dist/bin/next");
const OUTPUT_LINES_KEPT = 400;

/** Fixed secrets for tests only (never used outside a temporary DATA_DIR). */
export const TEST_KEYDESK_SECRET = "ZTJlLXRlc3Qtc2VjcmV0LWUyZS10ZXN0LXNlY3JldC1lMmUtdGVzdC0xMjM0NTY=";
export const TEST_WEBHOOK_SECRET = "whsec_e2e_tests_only_0123456789";

export interface TAppServerOptions {
  /** `smtp://…` of a test SMTP server; unset: the built-in dev mailbox keeps the mail. */
  smtpUrl?: string;
  /** `postgres://…` or `file:…`; unset: SQLite in the fresh DATA_DIR. */
  databaseUrl?: string;
  /** Overrides APP_URL (default `http://localhost:<port>`), e.g. an https URL to check HSTS. */
  appUrl?: string;
  /** Any further environment (KEYDESK_RETRY_BASE_MS, KEYDESK_WORKER, TRUST_PROXY, …). */
  env?: Record<string, string>;
  /** How long to wait for `/api/health` (default 60 s, the build is not part of it). */
  startTimeoutMs?: number;
  /**
   * Runs after DATA_DIR and the environment exist, before the server starts — e.g. CLI commands that
   * must not race the running server: `beforeStart: (s) => runCliOk(s, ["agent:create", …], {…})`.
   */
  beforeStart?: (server: Pick<TAppServer, "env" | "dataDir" | "url" | "port">) => Promise<unknown>;
  /** Mirror the server's output to this process's stderr (also on with KEYDESK_E2E_VERBOSE=1). */
  verbose?: boolean;
  /**
   * Another checkout of Keydesk, already built (`.next` in it), to run instead of this one — a
   * separately built instance (test/e2e/scale-out.test.ts). Unset: this repository, built on demand.
   */
  root?: string;
}

export interface TAppServer {
  /** `http://localhost:<port>` — browse this, not 127.0.0.1 (Auth.js cookies are host-bound). */
  url: string;
  port: number;
  dataDir: string;
  /** The exact environment the server was started with (reuse it for CLI commands). */
  env: Record<string, string>;
  /** Everything the server printed so far (stdout and stderr, last lines only). */
  output: () => string;
  /** Resolves with the first match of `pattern` in the server's output (waits for it to appear). */
  waitForOutput: (pattern: RegExp, timeoutMs?: number) => Promise<RegExpMatchArray>;
  /** Stops the server and every process it started, and removes its DATA_DIR. */
  stop: () => Promise<void>;
}

export interface TCliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** A TCP port that was free a moment ago on the loopback interface. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

// The environment of an operator's shell: this process's, minus anything that would point the server
// at another database, secret or mail server, or make it think it runs under a test runner.
export function baseEnv(): Record<string, string> {
  const dropped =
    /^(DATABASE_URL|DATA_DIR|APP_URL|PORT|SMTP_URL|MAIL_FROM|NODE_ENV|TRUST_PROXY|KEYDESK_.*|VITEST.*|AUTH_.*)$/;
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !dropped.test(key)) result[key] = value;
  }
  return { ...result, NEXT_TELEMETRY_DISABLED: "1", CHECKPOINT_DISABLE: "1", PRISMA_HIDE_UPDATE_MESSAGE: "1" };
}

const BUILD_INPUTS = [
  "app",
  "lib",
  "i18n",
  "messages",
  "public",
  "proxy.ts",
  "scripts/security-policy.mjs",
  "next.config.js",
  "package-lock.json",
  "tsconfig.json",
];

function newestMtime(entry: string): number {
  if (!fs.existsSync(entry)) return 0;
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of fs.readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, child)));
  return newest;
}

/** Runs `next build` when there is no build or a source file is newer than it (once per process). */
export function ensureBuild(): void {
  const buildId = path.join(ROOT, ".next/BUILD_ID");
  const builtAt = fs.existsSync(buildId) ? fs.statSync(buildId).mtimeMs : 0;
  const sourcesAt = Math.max(...BUILD_INPUTS.map((entry) => newestMtime(path.join(ROOT, entry))));
  if (builtAt > sourcesAt) return;
  const started = Date.now();
  process.stderr.write(
    builtAt
      ? "e2e: sources changed since the last build, running next build…\n"
      : "e2e: no build, running next build…\n",
  );
  const build = spawnSync(process.execPath, [NEXT_BIN, "build"], {
    cwd: ROOT,
    env: asProcessEnv(baseEnv()),
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    timeout: 600_000,
  });
  if (build.status !== 0) {
    throw new Error(`next build failed (exit ${build.status}):\n${tail(`${build.stdout}\n${build.stderr}`, 60)}`);
  }
  process.stderr.write(`e2e: next build done in ${Math.round((Date.now() - started) / 1000)} s\n`);
}

// Next.js declares NODE_ENV as always present in NodeJS.ProcessEnv; an operator's shell (and so the
// server under test) has none, which the type cannot express.
function asProcessEnv(vars: Record<string, string>): NodeJS.ProcessEnv {
  return vars as NodeJS.ProcessEnv;
}

function tail(text: string, lines: number): string {
  return text.split("\n").slice(-lines).join("\n");
}

const running = new Set<ChildProcess>();
// Whatever happens to the test process, no server outlives it.
process.once("exit", () => {
  for (const child of running) killGroup(child, "SIGKILL");
});

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Starts Keydesk like `npm start` does and resolves once `GET /api/health` returns 200. */
export async function startAppServer(options: TAppServerOptions = {}): Promise<TAppServer> {
  if (!options.root) ensureBuild();
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(options);
    } catch (error) {
      // Another process took the free port between freePort() and listen(): try a new one.
      if (attempt >= 3 || !(error instanceof Error) || !error.message.includes("EADDRINUSE")) throw error;
    }
  }
}

async function startOnce(options: TAppServerOptions): Promise<TAppServer> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "keydesk-e2e-"));
  const url = `http://localhost:${port}`;
  const env: Record<string, string> = {
    ...baseEnv(),
    PORT: String(port),
    APP_URL: options.appUrl ?? url,
    DATA_DIR: dataDir,
    KEYDESK_SECRET: TEST_KEYDESK_SECRET,
    KEYDESK_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET,
    ...(options.smtpUrl ? { SMTP_URL: options.smtpUrl } : {}),
    ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
    ...options.env,
  };
  const verbose = options.verbose ?? process.env.KEYDESK_E2E_VERBOSE === "1";
  if (options.beforeStart) {
    try {
      await options.beforeStart({ env, dataDir, url, port });
    } catch (error) {
      fs.rmSync(dataDir, { recursive: true, force: true });
      throw error;
    }
  }

  // detached: the server gets its own process group, so stop() reaches tsx, next start and the worker.
  const child = spawn(TSX_BIN, ["--conditions=react-server", "scripts/start.ts"], {
    cwd: options.root ?? ROOT,
    env: asProcessEnv(env),
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.add(child);

  let output = "";
  const waiters = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    const text = chunk.toString("utf8");
    if (verbose) process.stderr.write(text);
    output = tail(output + text, OUTPUT_LINES_KEPT);
    for (const wake of waiters) wake();
  };
  child.stdout?.on("data", onData);
  child.stderr?.on("data", onData);
  let exitCode: number | null | undefined;
  const exited = new Promise<void>((resolve) =>
    child.once("exit", (code, signal) => {
      exitCode = code ?? (signal ? -1 : 0);
      for (const wake of waiters) wake();
      resolve();
    }),
  );

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    const pid = child.pid;
    killGroup(child, "SIGTERM");
    const deadline = Date.now() + 10_000;
    while (pid !== undefined && groupAlive(pid) && Date.now() < deadline) await sleep(100);
    if (pid !== undefined && groupAlive(pid)) killGroup(child, "SIGKILL");
    await Promise.race([exited, sleep(2_000)]);
    child.stdout?.destroy();
    child.stderr?.destroy();
    running.delete(child);
    fs.rmSync(dataDir, { recursive: true, force: true });
  };

  const waitForOutput = async (pattern: RegExp, timeoutMs = 30_000): Promise<RegExpMatchArray> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const match = output.match(pattern);
      if (match) return match;
      if (exitCode !== undefined) throw new Error(`server exited before printing ${pattern}:\n${tail(output, 40)}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`server did not print ${pattern} within ${timeoutMs} ms:\n${tail(output, 40)}`);
      await new Promise<void>((resolve) => {
        const wake = () => {
          waiters.delete(wake);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(wake, left);
        waiters.add(wake);
      });
    }
  };

  const server: TAppServer = { url, port, dataDir, env, output: () => output, waitForOutput, stop };
  try {
    await waitForHealth(server, options.startTimeoutMs ?? 60_000, () => exitCode);
  } catch (error) {
    await stop();
    throw error;
  }
  return server;
}

async function waitForHealth(server: TAppServer, timeoutMs: number, exitCode: () => number | null | undefined) {
  const deadline = Date.now() + timeoutMs;
  let last = "no answer";
  while (Date.now() < deadline) {
    const code = exitCode();
    if (code !== undefined)
      throw new Error(`server exited (code ${code}) before it was healthy:\n${tail(server.output(), 40)}`);
    try {
      const response = await fetch(`${server.url}/api/health`, { signal: AbortSignal.timeout(5_000) });
      if (response.status === 200) return;
      last = `HTTP ${response.status}: ${(await response.text()).slice(0, 200)}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await sleep(250);
  }
  throw new Error(`server not healthy after ${timeoutMs} ms (last: ${last}):\n${tail(server.output(), 40)}`);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Runs `npm run keydesk -- <args>` against a started server's environment (same DATA_DIR, database
 * and secret), with `extraEnv` on top and no stdin (a prompt reads end-of-file instead of hanging).
 */
export async function runCli(
  server: Pick<TAppServer, "env">,
  args: string[],
  extraEnv: Record<string, string> = {},
  timeoutMs = 60_000,
): Promise<TCliResult> {
  const child = spawn(TSX_BIN, ["--conditions=react-server", "scripts/keydesk.ts", ...args], {
    cwd: ROOT,
    env: asProcessEnv({ ...server.env, ...extraEnv }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
  const code = await new Promise<number>((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (exit, signal) => resolve(exit ?? (signal ? -1 : 0)));
  }).finally(() => clearTimeout(timer));
  return { code, stdout, stderr };
}

/** Like `runCli`, but throws with the command's output when it exits non-zero. */
export async function runCliOk(
  server: Pick<TAppServer, "env">,
  args: string[],
  extraEnv: Record<string, string> = {},
): Promise<TCliResult> {
  const result = await runCli(server, args, extraEnv);
  if (result.code !== 0) {
    throw new Error(`keydesk ${args[0] ?? ""} exited ${result.code}:\n${result.stdout}\n${result.stderr}`);
  }
  return result;
}
