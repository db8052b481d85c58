// Several machines, one site: two checkouts of the same commit, each built on its own (`next build`
// in its own folder, as two machines would), run as two web instances plus a separate mail worker on
// one PostgreSQL database, behind Debian's nginx configured with docs/deploy/nginx.conf — the very
// file the README points operators to — and then behind Caddy with docs/deploy/Caddyfile.
//
// What must hold: a page one instance rendered works against the other (its server actions, with
// their encrypted bound arguments, and client navigations that fetch RSC payloads and chunks), the
// session is the same on both, each mail goes out once (from the worker), and rate limits see the
// client's own address from X-Forwarded-For, never one the client wrote there itself.
import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import https from "node:https";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { signPayload } from "@/lib/crypto/webhook-signature";
import {
  baseEnv,
  freePort,
  runCliOk,
  startAppServer,
  TEST_KEYDESK_SECRET,
  TEST_WEBHOOK_SECRET,
  type TAppServer,
} from "../helpers/app-server";
import { expectCleanPage, launchBrowser, type TTestBrowser } from "../helpers/browser";
import { startSmtpSink, type TSmtpSink } from "../helpers/smtp-sink";
import { createPostgresDatabase } from "../helpers/test-database";

const ROOT = path.resolve(import.meta.dirname, "../..");
const TSX_BIN = path.join(ROOT, "node_modules/.bin/tsx");
const EMAIL = "scale.buyer@example.com";
const KEY = "27182-81828-45904-52353";
const KEEP = process.env.KEYDESK_SCALE_OUT_KEEP || undefined;

let work: string;
let database: { url: string; drop: () => Promise<void> } | undefined;
let databaseUrl: string;
let sink: TSmtpSink;
let instances: { a: TAppServer; b: TAppServer };
let worker: ReturnType<typeof spawnGroup>;
let nginx: TProxy;
let browser: TTestBrowser;
let certificate: { cert: string; key: string; pem: Buffer };

interface TProxy {
  url: string;
  port: number;
  stop: () => Promise<void>;
  output: () => string;
}

function sh(command: string, args: string[], cwd = ROOT): string {
  return execFileSync(command, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

/** Which program runs: the path of `name` on PATH, or an error saying how to install it. */
function requireProgram(name: string, pkg = name): string {
  try {
    return (
      sh("sh", ["-c", `command -v ${name} || ls /usr/sbin/${name}`])
        .trim()
        .split("\n")[0] ?? ""
    );
  } catch {
    throw new Error(`${name} is not installed: apt-get install -y ${pkg} (.ci/run does)`);
  }
}

/**
 * A checkout of this repository's commit in `target`, as a second machine would have it: a git
 * clone at the same commit, the working files as they are here (so uncommitted changes are what is
 * tested), its own node_modules (hard links, the same packages) — and no `.next`.
 */
function cloneCheckout(target: string): void {
  const commit = sh("git", ["rev-parse", "HEAD"]).trim();
  sh("git", ["clone", "--quiet", "--no-checkout", "--local", ROOT, target]);
  sh("git", ["checkout", "--quiet", "--detach", commit], target);
  const files = sh("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"]).split("\0");
  for (const file of files.filter(Boolean)) {
    const from = path.join(ROOT, file);
    if (!fs.existsSync(from)) continue; // deleted here, not yet committed
    fs.mkdirSync(path.dirname(path.join(target, file)), { recursive: true });
    fs.copyFileSync(from, path.join(target, file));
  }
  fs.cpSync(path.join(ROOT, "lib/db/generated"), path.join(target, "lib/db/generated"), { recursive: true });
  sh("cp", ["-al", path.join(ROOT, "node_modules"), path.join(target, "node_modules")]);
}

/** `next build` in `dir` with the operator's build environment (KEYDESK_SECRET set, as documented). */
function build(dir: string): Promise<void> {
  const env: Record<string, string> = { ...baseEnv(), KEYDESK_SECRET: TEST_KEYDESK_SECRET };
  const child = spawn(process.execPath, [path.join(dir, "node_modules/next/dist/bin/next"), "build"], {
    cwd: dir,
    env: env as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`next build in ${dir} failed (${code}):\n${output.slice(-4000)}`)),
    );
  });
}

/** Every file under `dir`, relative, sorted. */
function listFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();
}

function actionIds(dir: string): string[] {
  const manifest = JSON.parse(
    fs.readFileSync(path.join(dir, ".next/server/server-reference-manifest.json"), "utf8"),
  ) as {
    node: Record<string, unknown>;
  };
  return Object.keys(manifest.node).sort();
}

/** Replaces `from` (which must occur exactly once) in a deployment file: the file and the test cannot drift. */
function replaceOnce(text: string, from: string | RegExp, to: string): string {
  const count =
    typeof from === "string" ? text.split(from).length - 1 : (text.match(new RegExp(from, "g")) ?? []).length;
  if (count !== 1) throw new Error(`expected ${String(from)} once in the deployment file, found it ${count} times`);
  return text.replace(from, to);
}

function selfSignedCertificate(dir: string) {
  const cert = path.join(dir, "localhost.pem");
  const key = path.join(dir, "localhost.key");
  sh("openssl", [
    "req",
    "-x509",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-days",
    "2",
    "-subj",
    "/CN=localhost",
    "-addext",
    "subjectAltName=DNS:localhost",
    "-keyout",
    key,
    "-out",
    cert,
  ]);
  return { cert, key, pem: fs.readFileSync(cert) };
}

// Whatever happens to the test process, no proxy or worker it started outlives it.
const groups = new Set<number>();
process.once("exit", () => {
  for (const pid of groups) {
    try {
      process.kill(-pid, "SIGKILL");
    } catch {
      // gone
    }
  }
});

function spawnGroup(command: string, args: string[], options: { cwd: string; env: Record<string, string> }) {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env as NodeJS.ProcessEnv,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  if (child.pid !== undefined) groups.add(child.pid);
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output = (output + chunk.toString("utf8")).slice(-20_000)));
  child.stderr?.on("data", (chunk: Buffer) => (output = (output + chunk.toString("utf8")).slice(-20_000)));
  const stop = async () => {
    if (child.pid === undefined || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      return;
    }
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {
      // gone
    }
    groups.delete(child.pid);
  };
  return { child, output: () => output, stop };
}

async function waitForHttps(url: string, output: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  let last = "";
  while (Date.now() < deadline) {
    try {
      const answer = await request(`${url}/api/ready`);
      if (answer.status === 200) return;
      last = `HTTP ${answer.status}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not answer (${last}):\n${output()}`);
}

/** Starts nginx as this user, in a folder of its own, with docs/deploy/nginx.conf in its http block. */
async function startNginx(dir: string, port: number, upstreams: string[]): Promise<TProxy> {
  const bin = requireProgram("nginx");
  const redirectPort = await freePort();
  let site = fs.readFileSync(path.join(ROOT, "docs/deploy/nginx.conf"), "utf8");
  site = replaceOnce(site, "server 10.0.0.11:3000 ", `server ${upstreams[0]} `);
  site = replaceOnce(site, "server 10.0.0.12:3000 ", `server ${upstreams[1]} `);
  site = replaceOnce(site, "listen 80;", `listen 127.0.0.1:${redirectPort};`);
  site = replaceOnce(site, "listen 443 ssl http2;", `listen 127.0.0.1:${port} ssl http2;`);
  site = site.replaceAll("server_name support.example.com;", "server_name localhost;");
  site = replaceOnce(site, "/etc/ssl/certs/support.example.com.pem", certificate.cert);
  site = replaceOnce(site, "/etc/ssl/private/support.example.com.key", certificate.key);
  fs.writeFileSync(path.join(dir, "keydesk.conf"), site);
  // The main configuration an nginx package ships, reduced to what a run in a temp folder needs;
  // one worker process, so round robin strictly alternates between the two instances.
  fs.writeFileSync(
    path.join(dir, "nginx.conf"),
    `worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 512; }
http {
  access_log ${dir}/access.log;
  client_body_temp_path ${dir}/client_body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  include ${dir}/keydesk.conf;
}
`,
  );
  // As root, nginx's workers run as nobody: they must reach the temp folders.
  fs.chmodSync(dir, 0o755);
  const run = spawnGroup(bin, ["-p", dir, "-e", `${dir}/error.log`, "-c", `${dir}/nginx.conf`, "-g", "daemon off;"], {
    cwd: dir,
    env: baseEnv(),
  });
  const url = `https://localhost:${port}`;
  const output = () =>
    `${run.output()}\n${fs.existsSync(`${dir}/error.log`) ? fs.readFileSync(`${dir}/error.log`, "utf8") : ""}`;
  await waitForHttps(url, output);
  return { url, port, stop: run.stop, output };
}

/** Starts Caddy as this user with docs/deploy/Caddyfile, its state in `dir`. */
async function startCaddy(dir: string, upstreams: string[]): Promise<TProxy> {
  const bin = requireProgram("caddy");
  const port = await freePort();
  let site = fs.readFileSync(path.join(ROOT, "docs/deploy/Caddyfile"), "utf8");
  site = replaceOnce(
    site,
    "\nsupport.example.com {",
    `\nhttps://localhost:${port} {\n\ttls ${certificate.cert} ${certificate.key}`,
  );
  site = replaceOnce(site, "reverse_proxy 10.0.0.11:3000 10.0.0.12:3000 {", `reverse_proxy ${upstreams.join(" ")} {`);
  // Global options for a run in a temp folder: no admin endpoint, no port-80 redirect listener.
  fs.writeFileSync(path.join(dir, "Caddyfile"), `{\n\tadmin off\n\tauto_https disable_redirects\n}\n\n${site}`);
  const run = spawnGroup(bin, ["run", "--config", path.join(dir, "Caddyfile"), "--adapter", "caddyfile"], {
    cwd: dir,
    env: { ...baseEnv(), HOME: dir, XDG_DATA_HOME: dir, XDG_CONFIG_HOME: dir },
  });
  const url = `https://localhost:${port}`;
  await waitForHttps(url, run.output);
  return { url, port, stop: run.stop, output: run.output };
}

interface TAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One HTTPS request (trusting the test certificate), optionally from a given local address. */
function request(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string; from?: string } = {},
): Promise<TAnswer> {
  return new Promise((resolve, reject) => {
    const req = https.request(
      url,
      {
        method: options.method ?? "GET",
        headers: options.headers,
        ca: certificate.pem,
        agent: false,
        ...(options.from ? { localAddress: options.from } : {}),
      },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (body += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(options.body);
  });
}

/** Which instance answered the request with this id (each logs one JSON line per request). */
async function servedBy(requestId: string | null | undefined): Promise<"a" | "b"> {
  expect(requestId).toBeTruthy();
  const needle = `"requestId":"${requestId}"`;
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (instances.a.output().includes(needle)) return "a";
    if (instances.b.output().includes(needle)) return "b";
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no instance logged request ${requestId}`);
}

/** 11 look-ups from one client address, each with a different made-up X-Forwarded-For. */
async function lookupsFrom(proxyUrl: string, from: string, count: number): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < count; i++) {
    const answer = await request(`${proxyUrl}/api/v1/lookup`, {
      method: "POST",
      from,
      headers: { "content-type": "application/json", "x-forwarded-for": `198.51.100.${i + 1}` },
      body: JSON.stringify({ email: `rate.${from}.${i}@example.com` }),
    });
    statuses.push(answer.status);
  }
  return statuses;
}

beforeAll(async () => {
  // KEYDESK_SCALE_OUT_KEEP=<dir> (while working on this test): keep the two built clones there and
  // reuse them on the next run instead of building again.
  work = KEEP ?? fs.mkdtempSync(path.join(os.tmpdir(), "keydesk-scale-"));
  const dirs = { a: path.join(work, "machine-a"), b: path.join(work, "machine-b") };
  if (!KEEP || !fs.existsSync(path.join(dirs.b, ".next/BUILD_ID"))) {
    fs.rmSync(work, { recursive: true, force: true });
    fs.mkdirSync(work, { recursive: true });
    cloneCheckout(dirs.a);
    cloneCheckout(dirs.b);
    const started = Date.now();
    await Promise.all([build(dirs.a), build(dirs.b)]);
    process.stderr.write(`scale-out: two separate builds in ${Math.round((Date.now() - started) / 1000)} s\n`);
  }
  for (const leftover of ["nginx", "caddy"]) fs.rmSync(path.join(work, leftover), { recursive: true, force: true });
  certificate = selfSignedCertificate(work);

  database = await createPostgresDatabase("keydesk_scale");
  databaseUrl = database.url;

  sink = await startSmtpSink();
  // The balancer's address is every instance's APP_URL; its port must be known before they start.
  const balancerPort = await freePort();
  const appUrl = `https://localhost:${balancerPort}`;
  const shared = {
    databaseUrl,
    smtpUrl: sink.url,
    appUrl,
    env: { KEYDESK_WORKER: "off", TRUST_PROXY: "1", KEYDESK_LOG_LEVEL: "info" },
  };
  const a = await startAppServer({ ...shared, root: dirs.a, beforeStart: (s) => runCliOk(s, ["migrate"]) });
  const b = await startAppServer({ ...shared, root: dirs.b });
  instances = { a, b };

  worker = spawnGroup(TSX_BIN, ["--conditions=react-server", "scripts/keydesk.ts", "worker"], {
    cwd: dirs.a,
    env: a.env,
  });

  const nginxDir = path.join(work, "nginx");
  fs.mkdirSync(nginxDir);
  nginx = await startNginx(nginxDir, balancerPort, [`127.0.0.1:${a.port}`, `127.0.0.1:${b.port}`]);
  browser = await launchBrowser();
}, 1_200_000);

let caddy: TProxy | undefined;

afterEach((context) => {
  if (context.task.result?.state !== "fail") return;
  const tail = (text: string) => text.split("\n").slice(-40).join("\n");
  process.stderr.write(
    `--- instance a\n${tail(instances.a.output())}\n--- instance b\n${tail(instances.b.output())}\n` +
      `--- worker\n${tail(worker.output())}\n--- nginx\n${tail(nginx.output())}\n`,
  );
});

afterAll(async () => {
  await browser?.close();
  await caddy?.stop();
  await nginx?.stop();
  await worker?.stop();
  await instances?.a.stop();
  await instances?.b.stop();
  await sink?.stop();
  await database?.drop();
  if (work && !KEEP) fs.rmSync(work, { recursive: true, force: true });
}, 120_000);

describe("two builds of one commit, each in its own folder", () => {
  it("the two builds agree on action ids and client chunks", () => {
    const dirs = [path.join(work, "machine-a"), path.join(work, "machine-b")];
    expect(actionIds(dirs[0] ?? "")).toEqual(actionIds(dirs[1] ?? ""));
    expect(actionIds(dirs[0] ?? "").length).toBeGreaterThan(5);
    expect(listFiles(path.join(dirs[0] ?? "", ".next/static"))).toEqual(
      listFiles(path.join(dirs[1] ?? "", ".next/static")),
    );
  });
});

/**
 * The page prefetches the same links every time, so with strict round robin the request after them
 * would always reach the same instance as the page: one extra request on every other round flips it.
 */
async function shiftRoundRobin(page: import("playwright-core").Page, round: number): Promise<void> {
  await page.waitForLoadState("networkidle");
  if (round % 2 === 1) expect((await request(`${nginx.url}/api/health`)).status).toBe(200);
}

async function postOrder(proxyUrl: string, number: string): Promise<TAnswer> {
  const raw = JSON.stringify({
    source: "digitalriver",
    externalId: `DR-${randomBytes(6).toString("hex")}`,
    number,
    placedAt: new Date(Date.now() - 3_600_000).toISOString(),
    status: "paid",
    currency: "EUR",
    customer: { email: EMAIL, name: "Scale Buyer" },
    items: [{ sku: "SCALE-1", name: "Scale Studio", quantity: 1, unitAmount: 4900, licenseKeys: [KEY] }],
  });
  return request(`${proxyUrl}/api/v1/orders`, {
    method: "POST",
    headers: { "content-type": "application/json", "keydesk-signature": signPayload(TEST_WEBHOOK_SECRET, raw) },
    body: raw,
  });
}

describe("behind nginx (docs/deploy/nginx.conf)", () => {
  it("a buyer's session, forms and client navigations work across the two builds; each mail goes out once, from the worker", async () => {
    expect((await postOrder(nginx.url, "300001")).status).toBe(201);
    const ctx = await browser.newContext({ baseURL: nginx.url, ignoreHTTPSErrors: true });
    const tab = await ctx.newPage();
    const { page } = tab;
    const failedAssets: string[] = [];
    page.on("response", (response) => {
      if (response.url().includes("/_next/") && response.status() >= 400) failedAssets.push(response.url());
    });

    await page.goto("/lookup");
    await page.getByLabel("E-mail address you bought with").fill(EMAIL);
    await page.getByRole("button", { name: "Send me a sign-in link" }).click();
    await page.getByText("Check your inbox").waitFor();
    const signInMail = await sink.waitFor((m) => m.to.includes(EMAIL) && /sign-in link/i.test(m.subject), 30_000);
    const link = /(https:\/\/localhost:\d+\/lookup\/verify\?token=[\w%-]+)/.exec(signInMail.text)?.[1] ?? "";
    expect(link.startsWith(`${nginx.url}/`)).toBe(true);
    await page.goto(link);
    await page.getByRole("button", { name: "Continue to my orders" }).click();
    await page.waitForURL(/\/orders$/);
    const orderPath = (await page.getByRole("link", { name: "Order 300001" }).getAttribute("href")) ?? "";
    expect(orderPath).toMatch(/^\/orders\//);

    // A page one build rendered, its server action (with encrypted bound arguments) posted to the
    // other: nginx alternates, so both directions come up within a few rounds.
    const actionPairs = new Set<string>();
    for (let round = 0; round < 12 && actionPairs.size < 2; round++) {
      const document = await page.goto(orderPath);
      const pageFrom = await servedBy(document?.headers()["x-request-id"]);
      await shiftRoundRobin(page, round);
      const [post] = await Promise.all([
        page.waitForResponse(
          (r) => r.request().method() === "POST" && r.request().headers()["next-action"] !== undefined,
        ),
        page.getByRole("button", { name: "Reveal" }).click(),
      ]);
      await page.getByText(KEY, { exact: true }).waitFor();
      expect(post.status()).toBe(200);
      const postTo = await servedBy(post.headers()["x-request-id"]);
      if (postTo !== pageFrom) actionPairs.add(`${pageFrom}->${postTo}`);
    }
    expect([...actionPairs].sort()).toEqual(["a->b", "b->a"]);

    // A client-side navigation: the RSC payload (and the route's chunks) from the other build,
    // without a full reload (a reload would mean the builds' deployment ids disagree).
    const navigationPairs = new Set<string>();
    for (let round = 0; round < 12 && navigationPairs.size < 2; round++) {
      const rsc: Array<Promise<string | undefined>> = [];
      const onResponse = (response: import("playwright-core").Response) => {
        if (response.request().headers()["rsc"] === "1") rsc.push(Promise.resolve(response.headers()["x-request-id"]));
      };
      const document = await page.goto("/orders");
      const pageFrom = await servedBy(document?.headers()["x-request-id"]);
      await shiftRoundRobin(page, round);
      await page.evaluate(() => Object.assign(window, { keydeskSoftNavigation: true }));
      page.on("response", onResponse);
      await page.getByRole("link", { name: "Order 300001" }).click();
      await page.getByRole("heading", { level: 1, name: "Order 300001" }).waitFor();
      page.off("response", onResponse);
      expect(await page.evaluate(() => "keydeskSoftNavigation" in window)).toBe(true);
      for (const id of await Promise.all(rsc)) {
        const from = await servedBy(id);
        if (from !== pageFrom) navigationPairs.add(`${pageFrom}->${from}`);
      }
    }
    expect([...navigationPairs].sort()).toEqual(["a->b", "b->a"]);

    await page.getByRole("button", { name: "E-mail me my keys" }).click();
    await page.getByText(/We are sending your licence key to/).waitFor();
    await sink.waitFor((m) => m.to.includes(EMAIL) && /licence key/i.test(m.subject), 30_000);
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const mine = sink.messages.filter((m) => m.to.includes(EMAIL));
    expect(mine.map((m) => (/sign-in link/i.test(m.subject) ? "sign-in" : "keys")).sort()).toEqual(["keys", "sign-in"]);
    // The web instances do not send mail; the separate worker does.
    for (const instance of [instances.a, instances.b]) expect(instance.output()).toContain("KEYDESK_WORKER=off");
    expect(worker.output()).toMatch(/mail worker started, id \S+ \(PostgreSQL, SMTP\)/);
    expect(worker.child.exitCode).toBeNull();

    expect(failedAssets).toEqual([]);
    expectCleanPage(tab);
    await ctx.close();
  });

  it("rate limits count the client's address from X-Forwarded-For, across both instances", async () => {
    // One client (127.0.0.2) writes a different made-up X-Forwarded-For on each request: the
    // instances still count them as one client, the one nginx saw, and the 11th is refused…
    const statuses = await lookupsFrom(nginx.url, "127.0.0.2", 11);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(202));
    expect(statuses[10]).toBe(429);
    // …while another client behind the same nginx is not (so it is not nginx's own address either).
    expect(await lookupsFrom(nginx.url, "127.0.0.3", 1)).toEqual([202]);
  });
});

describe("behind Caddy (docs/deploy/Caddyfile)", () => {
  it("reaches both instances and passes on the client's address, not one the client wrote", async () => {
    const dir = path.join(work, "caddy");
    fs.mkdirSync(dir);
    caddy = await startCaddy(dir, [`127.0.0.1:${instances.a.port}`, `127.0.0.1:${instances.b.port}`]);
    const served = new Set<string>();
    for (let i = 0; i < 4; i++) {
      const answer = await request(`${caddy.url}/lookup`);
      expect(answer.status).toBe(200);
      served.add(await servedBy(String(answer.headers["x-request-id"])));
    }
    expect([...served].sort()).toEqual(["a", "b"]);
    const statuses = await lookupsFrom(caddy.url, "127.0.0.4", 11);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(202));
    expect(statuses[10]).toBe(429);
    expect(await lookupsFrom(caddy.url, "127.0.0.5", 1)).toEqual([202]);
  });
});
