// Forwarded host/proto headers are a proxy's word, not a client's: without TRUST_PROXY the server
// drops X-Forwarded-Host/Proto/Port and Forwarded, and Auth.js is pinned to APP_URL (AUTH_URL), so a
// forged header changes no link in a mail, no redirect and no Auth.js URL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppServer, type TAppServer } from "../helpers/app-server";
import { startSmtpSink, type TSmtpSink } from "../helpers/smtp-sink";

const FORGED = {
  "x-forwarded-host": "evil.example",
  "x-forwarded-proto": "https",
  "x-forwarded-port": "443",
  forwarded: "for=198.51.100.1;host=evil.example;proto=https",
};

let server: TAppServer;
let sink: TSmtpSink;

beforeAll(async () => {
  sink = await startSmtpSink();
  server = await startAppServer({ smtpUrl: sink.url });
}, 240_000);

afterAll(async () => {
  await server?.stop();
  await sink?.stop();
});

describe("forged forwarded headers (TRUST_PROXY unset)", () => {
  it("do not change Auth.js's URLs", async () => {
    const providers = (await (await fetch(`${server.url}/api/auth/providers`, { headers: FORGED })).json()) as Record<
      string,
      { signinUrl: string; callbackUrl: string }
    >;
    const urls = Object.values(providers).flatMap((p) => [p.signinUrl, p.callbackUrl]);
    expect(urls.length).toBeGreaterThan(0);
    for (const url of urls) expect(url.startsWith(`${server.url}/api/auth/`)).toBe(true);
    const signIn = await fetch(`${server.url}/api/auth/signin`, { headers: FORGED, redirect: "manual" });
    expect(signIn.headers.get("location") ?? "").not.toContain("evil.example");
    const csrf = await fetch(`${server.url}/api/auth/csrf`, { headers: FORGED });
    expect(csrf.status).toBe(200);
  });

  it("do not change redirects of pages", async () => {
    const page = await fetch(`${server.url}/account`, { headers: FORGED, redirect: "manual" });
    expect([302, 303, 307, 308]).toContain(page.status);
    expect(page.headers.get("location") ?? "").not.toContain("evil.example");
  });

  it("do not change the links in mails", async () => {
    const body = JSON.stringify({
      email: "forwarded.guest@example.com",
      subject: "Where is my key",
      message: "I did not get my licence key after paying.",
      category: "license_key",
    });
    const response = await fetch(`${server.url}/api/v1/tickets`, {
      method: "POST",
      headers: { ...FORGED, "content-type": "application/json" },
      body,
    });
    expect(response.status).toBe(201);
    const mail = await sink.waitFor((m) => m.to.includes("forwarded.guest@example.com"), 20_000);
    expect(mail.text).not.toContain("evil.example");
    expect(mail.text).toContain(`${server.url}/support/access`);
  });
});
