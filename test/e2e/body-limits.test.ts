// Big request bodies cost the server almost nothing: JSON routes stop reading at 1 MB, server
// actions and the proxy keep small limits, and ticket attachments are streamed one by one through
// POST /support-attachments, which checks the uploader and the declared size before reading and
// stops at 10 MB. Measured on the real server process (VmRSS from /proc).
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppServer, type TAppServer } from "../helpers/app-server";
import { launchBrowser, type TTestBrowser } from "../helpers/browser";
import { startSmtpSink, type TSmtpSink } from "../helpers/smtp-sink";

const MB = 1024 * 1024;
const PNG = Buffer.from(
  "89504e470d0a1a0a0000000d4948445200000001000000010806000000" +
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082",
  "hex",
);

let server: TAppServer;
let browser: TTestBrowser;
let sink: TSmtpSink;
let serverPid = 0;

/** The process listening on the server's port (the Next.js server, not the tsx wrapper). */
function listeningPid(port: number): number {
  const out = execFileSync("ss", ["-ltnpH", `sport = :${port}`], { encoding: "utf8" });
  const pid = /pid=(\d+)/.exec(out)?.[1];
  if (!pid) throw new Error(`no process listens on ${port}: ${out}`);
  return Number(pid);
}

function rssBytes(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
}

/**
 * POSTs `totalBytes` with chunked encoding (no Content-Length, so nothing can be refused up front),
 * 1 MB per chunk, and stops sending once the server answers. Resolves with the status.
 */
function chunkedPost(urlPath: string, totalBytes: number, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    let status = 0;
    const request = http.request(
      `${server.url}${urlPath}`,
      { method: "POST", headers: { "content-type": "application/json", origin: server.url, ...headers } },
      (response) => {
        status = response.statusCode ?? 0;
        response.resume();
        response.on("end", () => resolve(status));
        response.on("error", () => resolve(status));
      },
    );
    request.on("error", (error) => (status ? resolve(status) : reject(error)));
    const chunk = Buffer.alloc(MB, 0x20);
    let sent = 0;
    const pump = () => {
      while (sent < totalBytes && !status && !request.destroyed) {
        sent += chunk.length;
        if (!request.write(chunk)) return void request.once("drain", pump);
      }
      if (!status) request.end();
    };
    pump();
  });
}

/** A solved proof of work, as the guest form's widget computes it in the browser. */
async function solvedPow(): Promise<string> {
  const tab = await browser.newPage({ baseURL: server.url });
  await tab.page.goto("/support/new");
  await tab.page.getByText("Spam check: ready").waitFor({ timeout: 60_000 });
  const value = await tab.page.locator('input[name="pow"]').inputValue();
  await tab.context.close();
  return value;
}

function upload(body: Buffer, headers: Record<string, string>, name = "shot.png"): Promise<Response> {
  return fetch(`${server.url}/support-attachments?name=${encodeURIComponent(name)}`, {
    method: "POST",
    headers: { origin: server.url, ...headers },
    body: new Uint8Array(body),
  });
}

function stagedFiles(): string[] {
  const dir = path.join(server.dataDir, "attachments", "staged");
  return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
}

beforeAll(async () => {
  sink = await startSmtpSink();
  server = await startAppServer({ smtpUrl: sink.url });
  serverPid = listeningPid(server.port);
  browser = await launchBrowser();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await sink?.stop();
});

describe("big request bodies", () => {
  it("ten parallel 40 MB chunked POSTs to a JSON route each get 413 and the server's memory barely moves", async () => {
    // Warm the route (first compile of its chunk, Prisma connection) so the baseline is honest.
    expect((await fetch(`${server.url}/api/v1/lookup`, { method: "POST", body: "{}" })).status).toBe(400);
    const before = rssBytes(serverPid);
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, rssBytes(serverPid))), 20);
    const statuses = await Promise.all(Array.from({ length: 10 }, () => chunkedPost("/api/v1/lookup", 40 * MB)));
    clearInterval(sampler);
    peak = Math.max(peak, rssBytes(serverPid));
    expect(statuses).toEqual(Array(10).fill(413));
    // Before: +358 MB (every body buffered, 52 MB proxy limit). Now each request holds at most the
    // 1 MB it may read (plus the proxy's 1 MB copy): 10 × 2 MB, and room for the runtime's own noise.
    expect(peak - before).toBeLessThan(80 * MB);
  }, 120_000);
});

describe("ticket attachments through POST /support-attachments", () => {
  it("refuses strangers without a proof of work before reading the body", async () => {
    const response = await upload(PNG, {});
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: { fields: Record<string, string[]> } }).error.fields.pow).toBeTruthy();
    expect(stagedFiles()).toHaveLength(0);
  });

  it("refuses a cross-site upload", async () => {
    expect((await upload(PNG, { origin: "https://evil.example" })).status).toBe(403);
  });

  it("checks the declared size before reading and the actual size while streaming, keeping nothing", async () => {
    const pow = await solvedPow();
    // Declared 12 MB: refused without reading.
    const declared = await upload(Buffer.alloc(12 * MB, 0x41), { "x-keydesk-pow": pow }, "big.txt");
    expect(declared.status).toBe(413);
    // Chunked (no length): read until 10 MB, then refused.
    expect(
      await chunkedPost(`/support-attachments?name=big.txt`, 40 * MB, {
        "x-keydesk-pow": pow,
        "content-type": "application/octet-stream",
      }),
    ).toBe(413);
    // A type we do not accept, found while streaming.
    const exe = await upload(Buffer.from("MZ\u0000\u0000binary"), { "x-keydesk-pow": pow }, "tool.exe");
    expect(exe.status).toBe(400);
    expect(stagedFiles()).toHaveLength(0);
    // A forged proof of work is no proof.
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(pow, "base64").toString()), number: 1 }));
    expect((await upload(PNG, { "x-keydesk-pow": forged.toString("base64") })).status).toBe(401);
    const ok = await upload(PNG, { "x-keydesk-pow": pow });
    expect(ok.status).toBe(201);
    expect(((await ok.json()) as { receipt: string }).receipt).toMatch(/\./);
    expect(stagedFiles()).toHaveLength(1);
  }, 120_000);

  it("a guest's ticket form sends its files through the route, and a file over 10 MB is named on the form", async () => {
    const tab = await browser.newPage({ baseURL: server.url });
    const page = tab.page;
    const posts: string[] = [];
    page.on("request", (request) => {
      if (request.method() === "POST") posts.push(new URL(request.url()).pathname);
    });
    const workers: string[] = [];
    page.on("worker", (worker) => workers.push(worker.url()));
    await page.goto("/support/new");
    await page.getByLabel("Your e-mail address").fill("files.guest@example.com");
    await page.getByLabel("What is it about?").selectOption("download");
    await page.getByLabel("Subject").fill("Installer fails");
    await page.getByLabel("Your message").fill("The installer stops at 80 %, screenshot attached.");
    await page.getByText("Spam check: ready").waitFor({ timeout: 60_000 });
    await page
      .getByLabel("Attachments")
      .setInputFiles([{ name: "big.log", mimeType: "text/plain", buffer: Buffer.alloc(11 * MB, 0x41) }]);
    await page.getByRole("button", { name: "Send to support" }).click();
    await page.getByText("“big.log” is larger than 10 MB.").waitFor();
    await expect(page.getByLabel("Subject").inputValue()).resolves.toBe("Installer fails");

    const before = fs.readdirSync(path.join(server.dataDir, "attachments")).length;
    await page.getByLabel("Attachments").setInputFiles([
      { name: "screen.png", mimeType: "image/png", buffer: PNG },
      { name: "install.log", mimeType: "text/plain", buffer: Buffer.from("step 1 ok\nstep 2 failed\n") },
    ]);
    await page.getByRole("button", { name: "Send to support" }).click();
    await page.getByText(/Your request KD-[2-9A-HJ-NP-Z]{6} is saved/).waitFor();
    expect(posts.filter((p) => p === "/support-attachments")).toHaveLength(3);
    // The two files moved out of the staging folder into place (the one from the test above stays staged).
    const after = fs.readdirSync(path.join(server.dataDir, "attachments")).filter((f) => f !== "staged");
    expect(after.length - (before - 1)).toBe(2);
    expect(stagedFiles()).toHaveLength(1);
    // The spam check ran in a Web Worker (not on the page's main thread), within the page's CSP.
    expect(workers.length).toBeGreaterThan(0);
    expect(tab.cspViolations).toEqual([]);
    expect(tab.pageErrors).toEqual([]);
    await tab.context.close();
  }, 120_000);
});
