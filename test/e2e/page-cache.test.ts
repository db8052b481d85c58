// The anonymous page cache (scripts/page-cache.mjs) against the real server: cached answers carry a
// fresh nonce each (the header's nonce is the one of every script), follow the visitor's language and
// the brand, never reach or come from a signed-in buyer, never keep a Set-Cookie answer, and a form
// on a cached page still works in Chromium (hydration, CSP and the server action).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCliOk, startAppServer, TEST_WEBHOOK_SECRET, type TAppServer } from "../helpers/app-server";
import { expectCleanPage, launchBrowser, type TTestBrowser } from "../helpers/browser";
import { startSmtpSink, type TSmtpSink } from "../helpers/smtp-sink";
import { signPayload } from "@/lib/crypto/webhook-signature";

const BUYER = "cached.buyer@example.com";
const PAGES = ["/", "/lookup", "/support/new", "/agent/login"];

let server: TAppServer;
let browser: TTestBrowser;
let sink: TSmtpSink;

beforeAll(async () => {
  sink = await startSmtpSink();
  server = await startAppServer({ smtpUrl: sink.url });
  browser = await launchBrowser();
  const raw = JSON.stringify({
    source: "digitalriver",
    externalId: "DR-PAGE-CACHE-1",
    number: "500100",
    placedAt: new Date(Date.now() - 3_600_000).toISOString(),
    status: "paid",
    currency: "EUR",
    customer: { email: BUYER, name: "Cached Buyer" },
    items: [{ sku: "PC-1", name: "PageCache Pro", quantity: 1, unitAmount: 1900, licenseKeys: [] }],
  });
  const response = await fetch(`${server.url}/api/v1/orders`, {
    method: "POST",
    headers: { "content-type": "application/json", "keydesk-signature": signPayload(TEST_WEBHOOK_SECRET, raw) },
    body: raw,
  });
  expect(response.status).toBeLessThan(300);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await sink?.stop();
});

interface TAnswer {
  status: number;
  cache: string | null;
  nonce: string;
  html: string;
  headers: Headers;
}

async function get(path: string, headers: Record<string, string> = {}): Promise<TAnswer> {
  const response = await fetch(`${server.url}${path}`, { headers, redirect: "manual" });
  const csp = response.headers.get("content-security-policy") ?? "";
  return {
    status: response.status,
    cache: response.headers.get("x-keydesk-page-cache"),
    nonce: /'nonce-([^']+)'/.exec(csp)?.[1] ?? "",
    html: await response.text(),
    headers: response.headers,
  };
}

/** Asks until the answer comes from the cache (the first miss starts a fill in the background). */
async function cached(path: string, headers: Record<string, string> = {}, timeoutMs = 30_000): Promise<TAnswer> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answer = await get(path, headers);
    if (answer.cache === "hit") return answer;
    if (Date.now() > deadline) throw new Error(`${path} never came from the cache (last: ${answer.cache})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Every nonce the page names — attributes and the framework's own data — is the header's. */
function expectOnlyNonce(answer: TAnswer): void {
  expect(answer.nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  const scripts = [...answer.html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toContain(`nonce="${answer.nonce}"`);
  const named = [...answer.html.matchAll(/nonce(?:=|\\?":\\?")"?([A-Za-z0-9+/=]{24})/g)].map((m) => m[1]);
  expect(named.length).toBeGreaterThan(scripts.length - 1);
  expect(new Set(named)).toEqual(new Set([answer.nonce]));
  const link = answer.headers.get("link");
  if (link?.includes("nonce=")) expect(link).toContain(`nonce="${answer.nonce}"`);
}

describe("the anonymous page cache", () => {
  it("answers each public page from memory with a fresh nonce on every answer", async () => {
    const seen = new Set<string>();
    for (const path of PAGES) {
      const first = await cached(path);
      expect(first.status).toBe(200);
      expect(first.headers.get("cache-control")).toMatch(/private.*no-store|no-store.*private/);
      expect(first.headers.get("vary")).toMatch(/accept-encoding/i);
      expect(first.headers.get("set-cookie")).toBeNull();
      expectOnlyNonce(first);
      const second = await cached(path);
      expectOnlyNonce(second);
      expect(second.nonce).not.toBe(first.nonce);
      expect(second.headers.get("x-request-id")).not.toBe(first.headers.get("x-request-id"));
      // The same page apart from its nonce.
      expect(second.html.replaceAll(second.nonce, "N")).toBe(first.html.replaceAll(first.nonce, "N"));
      for (const nonce of [first.nonce, second.nonce]) {
        expect(seen.has(nonce)).toBe(false);
        seen.add(nonce);
      }
    }
    // Gzip for clients that take it, the same page inside.
    const zipped = await fetch(`${server.url}/lookup`, { headers: { "accept-encoding": "gzip" } });
    expect(zipped.headers.get("x-keydesk-page-cache")).toBe("hit");
    expect(zipped.headers.get("content-encoding")).toBe("gzip");
    expect(await zipped.text()).toContain("<html");
  });

  it("follows the visitor's language: Accept-Language, the language cookie and ?lang=", async () => {
    const english = await cached("/lookup");
    expect(english.html).toMatch(/<html[^>]* lang="en"/);
    const german = await cached("/lookup", { "accept-language": "de-DE,de;q=0.9" });
    expect(german.html).toMatch(/<html[^>]* lang="de"/);
    const french = await cached("/lookup", { cookie: "keydesk-locale=fr", "accept-language": "de" });
    expect(french.html).toMatch(/<html[^>]* lang="fr"/);
    // A ?lang= link sets the cookie: answered by Next.js, never kept, and no one else turns Italian.
    const italian = await get("/lookup?lang=it");
    expect(italian.html).toMatch(/<html[^>]* lang="it"/);
    expect(italian.headers.get("set-cookie")).toContain("keydesk-locale=it");
    expect(italian.cache).toBeNull();
    expect((await cached("/lookup")).html).toMatch(/<html[^>]* lang="en"/);
  });

  it("leaves out requests with any other cookie or Next.js's navigation headers", async () => {
    await cached("/");
    const variants: Record<string, string>[] = [
      { cookie: "authjs.session-token=x" },
      { cookie: "keydesk-locale=de; other=1" },
      { rsc: "1" },
      { "next-router-prefetch": "1" },
      { authorization: "Bearer x" },
    ];
    for (const headers of variants) {
      const answer = await get("/", headers);
      expect({ headers, cache: answer.cache }).toEqual({ headers, cache: null });
    }
    expect((await get("/?x=1")).cache).toBeNull();
  });

  it("shows a brand change saved by another process within the brand's 5 s", async () => {
    const before = await cached("/");
    expect(before.html).not.toContain("Cachebuster Tools");
    await runCliOk(server, ["brand:set", "--name", "Cachebuster Tools"]);
    const changed = Date.now();
    for (;;) {
      const answer = await get("/");
      if (answer.html.includes("Cachebuster Tools")) break;
      expect(Date.now() - changed, "the new brand within the brand cache's 5 s").toBeLessThan(7_000);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    // And the new brand is what the cache keeps from then on.
    const after = await cached("/");
    expect(after.html).toContain("Cachebuster Tools");
  });

  it("never answers a signed-in buyer from the cache, nor keeps their page; a cached form still works", async () => {
    const tab = await browser.newPage({ baseURL: server.url });
    const { page } = tab;
    // The look-up form on a page that came from the cache: hydration, the nonce and the action work.
    // The browser's own Accept-Language makes its key: load until its page comes from the cache.
    const deadline = Date.now() + 30_000;
    while ((await page.goto("/lookup"))?.headers()["x-keydesk-page-cache"] !== "hit") {
      expect(Date.now()).toBeLessThan(deadline);
      await page.waitForTimeout(100);
    }
    await page.getByLabel("E-mail address you bought with").fill(BUYER);
    await page.getByRole("button", { name: "Send me a sign-in link" }).click();
    await page.getByText("Check your inbox").waitFor();
    const mail = await sink.waitFor((m) => m.to.includes(BUYER) && /sign-in link/i.test(m.subject), 30_000);
    const link = /(http:\/\/localhost:\d+\/lookup\/verify\?token=[\w%-]+)/.exec(mail.text)?.[1];
    expect(link).toBeDefined();
    await page.goto(link ?? "");
    await page.getByRole("button", { name: "Continue to my orders" }).click();
    await page.waitForURL(/\/orders$/);

    // Signed in: /support/new names the buyer, and neither reads nor fills the cache.
    const signedIn = await page.goto("/support/new");
    expect(signedIn?.headers()["x-keydesk-page-cache"]).toBeUndefined();
    expect(await page.content()).toContain(BUYER);
    const cookies = await page.context().cookies();
    const cookie = cookies.map((c) => `${c.name}=${c.value}`).join("; ");
    for (let i = 0; i < 5; i++) {
      const answer = await get("/support/new", { cookie });
      expect(answer.cache).toBeNull();
      expect(answer.html).toContain(BUYER);
    }
    const anonymous = await cached("/support/new");
    expect(anonymous.html).not.toContain(BUYER);
    expectCleanPage(tab);
  });
});
