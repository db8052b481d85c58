// Every response — page, API route, 404 — carries the security headers of SPEC §3: a CSP whose
// scripts need a per-request nonce (no 'unsafe-inline'), frame-ancestors 'none', nosniff, a
// Referrer-Policy, no X-Powered-By; and HSTS only when the portal is served over https.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppServer, type TAppServer } from "../helpers/app-server";

let server: TAppServer;

beforeAll(async () => {
  server = await startAppServer();
});

afterAll(async () => {
  await server?.stop();
});

function parseCsp(header: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of header.split(";")) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) directives.set(name.toLowerCase(), values);
  }
  return directives;
}

function expectSecurityHeaders(response: Response): { nonce: string } {
  const csp = response.headers.get("content-security-policy");
  expect(csp, "Content-Security-Policy header").toBeTruthy();
  const directives = parseCsp(csp ?? "");
  const scriptSrc = directives.get("script-src") ?? directives.get("default-src") ?? [];
  const nonceSource = scriptSrc.find((source) => /^'nonce-[A-Za-z0-9+/=_-]{16,}'$/.test(source));
  expect(nonceSource, `a nonce in script-src: ${csp}`).toBeDefined();
  expect(scriptSrc).not.toContain("'unsafe-inline'");
  expect(scriptSrc).not.toContain("*");
  expect(directives.get("frame-ancestors")).toEqual(["'none'"]);
  expect(directives.get("object-src")).toEqual(["'none'"]);

  expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  expect(response.headers.get("referrer-policy")).toMatch(
    /^(no-referrer|same-origin|strict-origin|strict-origin-when-cross-origin)$/,
  );
  expect(response.headers.get("x-powered-by")).toBeNull();
  return { nonce: (nonceSource ?? "").slice("'nonce-".length, -1) };
}

const get = (path: string) => fetch(`${server.url}${path}`, { redirect: "manual" });

describe("security headers", () => {
  it("are on a page, whose every script carries that response's nonce", async () => {
    const response = await get("/");
    expect(response.status).toBe(200);
    const { nonce } = expectSecurityHeaders(response);
    expect(response.headers.get("strict-transport-security")).toBeNull();

    const scripts = [...(await response.text()).matchAll(/<script\b[^>]*>/g)].map((match) => match[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  });

  it("use a fresh nonce on every response", async () => {
    const first = expectSecurityHeaders(await get("/")).nonce;
    const second = expectSecurityHeaders(await get("/")).nonce;
    expect(first).not.toBe(second);
  });

  it("are on an API route", async () => {
    const response = await get("/api/health");
    expect(response.status).toBe(200);
    expectSecurityHeaders(response);
  });

  it("are on a 404 page and a 404 API answer", async () => {
    const page = await get("/no-such-page-e2e");
    expect(page.status).toBe(404);
    expectSecurityHeaders(page);
    const api = await get("/api/no-such-route-e2e");
    expect(api.status).toBe(404);
    expectSecurityHeaders(api);
  });

  it("add HSTS when the portal's APP_URL is https (decided at run time, not at build time)", async () => {
    // Behind a TLS-terminating proxy: the same build, started with an https APP_URL.
    // No SMTP server in this test: a public APP_URL needs the dev mailbox allowed explicitly.
    const behindTls = await startAppServer({
      appUrl: "https://keydesk.example.com",
      env: { KEYDESK_DEV_MAILBOX: "on" },
    });
    try {
      for (const path of ["/", "/api/health"]) {
        const response = await fetch(`${behindTls.url}${path}`, { redirect: "manual" });
        expect(response.headers.get("strict-transport-security") ?? "(none)", path).toMatch(/max-age=\d{7,}/);
      }
    } finally {
      await behindTls.stop();
    }
  });
});
