// The attacks of issue 3, each refused through the real UI and server: another buyer's order by
// URL, a reused or expired sign-in link, a forged download token, and telling known from unknown
// addresses by the lookup API's or form's answer.
import { randomBytes } from "node:crypto";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signPayload } from "@/lib/crypto/webhook-signature";
import { startAppServer, TEST_WEBHOOK_SECRET, type TAppServer } from "../helpers/app-server";
import { launchBrowser, type TTestBrowser, type TTrackedContext } from "../helpers/browser";
import { startSmtpSink, type TSmtpSink } from "../helpers/smtp-sink";

const VICTIM = "victim@example.com";
const ATTACKER = "attacker@example.com";

let server: TAppServer;
let browser: TTestBrowser;
let sink: TSmtpSink;
let victimOrderId = "";
let attacker: TTrackedContext;
let attackerLink = "";

async function postOrder(email: string, number: string): Promise<{ orderId: string }> {
  const raw = JSON.stringify({
    source: "paddle",
    externalId: `PD-${number}`,
    number,
    placedAt: new Date(Date.now() - 86_400_000).toISOString(),
    status: "paid",
    currency: "EUR",
    customer: { email, name: "Someone" },
    items: [
      {
        sku: "NB-1",
        name: "NoteBox",
        quantity: 1,
        unitAmount: 900,
        licenseKeys: [`${number.slice(0, 5).padStart(5, "0")}-11111-22222-33333`],
      },
    ],
  });
  const response = await fetch(`${server.url}/api/v1/orders`, {
    method: "POST",
    headers: { "content-type": "application/json", "keydesk-signature": signPayload(TEST_WEBHOOK_SECRET, raw) },
    body: raw,
  });
  expect(response.status).toBe(201);
  return (await response.json()) as { orderId: string };
}

/** Asks for a link through the public API and returns the newest one mailed to `email`. */
async function mailedLink(email: string): Promise<string> {
  const before = sink.messages.filter((m) => m.to.includes(email)).length;
  const response = await fetch(`${server.url}/api/v1/lookup`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email }),
  });
  expect(response.status).toBe(202);
  await sink.waitFor(() => sink.messages.filter((m) => m.to.includes(email)).length > before, 30_000);
  const mail = sink.messages.filter((m) => m.to.includes(email)).at(-1);
  const link = /(http:\/\/localhost:\d+\/lookup\/verify\?token=[\w%-]+)/.exec(mail?.text ?? "")?.[1];
  if (!link) throw new Error("no sign-in link in the mail");
  return link;
}

beforeAll(async () => {
  sink = await startSmtpSink();
  server = await startAppServer({ smtpUrl: sink.url });
  browser = await launchBrowser();
  victimOrderId = (await postOrder(VICTIM, "700001")).orderId;
  await postOrder(ATTACKER, "700002");
  attacker = await browser.newContext({ baseURL: server.url });
  attackerLink = await mailedLink(ATTACKER);
  const page = await attacker.newPage();
  await page.page.goto(attackerLink);
  await page.page.getByRole("button", { name: "Continue to my orders" }).click();
  await page.page.waitForURL(/\/orders$/);
  await page.page.close();
});

afterAll(async () => {
  await attacker?.close();
  await browser?.close();
  await server?.stop();
  await sink?.stop();
});

describe("buyer attacks", () => {
  it("another buyer's order by number or id is the ordinary 404 page", async () => {
    const { page } = await attacker.newPage();
    expect((await page.goto("/orders/700002"))?.status()).toBe(200);
    for (const url of [
      "/orders/700001",
      `/orders/700001?id=${victimOrderId}`,
      `/orders/700002?id=${victimOrderId}`,
      "/orders/700001?source=paddle",
    ]) {
      const response = await page.goto(url);
      expect(response?.status(), url).toBe(404);
      await page.getByRole("heading", { level: 1, name: "We can’t find that page" }).waitFor();
      expect(await page.content()).not.toContain("700001-");
    }
    await page.close();
  });

  it("a used sign-in link explains that it was already used and signs nobody in", async () => {
    const ctx = await browser.newContext({ baseURL: server.url });
    const { page } = await ctx.newPage();
    await page.goto(attackerLink);
    await page.getByRole("heading", { name: "This link cannot be used" }).waitFor();
    await page.getByText(/already used/).waitFor();
    expect(await page.getByRole("button", { name: "Continue to my orders" }).count()).toBe(0);
    await page.goto("/orders");
    await page.waitForURL(/\/lookup\?signin=required/);
    await ctx.close();
  });

  it("an expired sign-in link explains that it expired and signs nobody in", async () => {
    const link = await mailedLink(ATTACKER);
    const database = new Database(path.join(server.dataDir, "keydesk.db"));
    try {
      const past = new Date(Date.now() - 86_400_000);
      const sample = database.prepare("SELECT expiresAt FROM VerificationToken WHERE usedAt IS NULL LIMIT 1").get() as {
        expiresAt: string | number;
      };
      const value = typeof sample.expiresAt === "number" ? past.getTime() : past.toISOString();
      expect(
        database.prepare("UPDATE VerificationToken SET expiresAt = ? WHERE usedAt IS NULL").run(value).changes,
      ).toBeGreaterThan(0);
    } finally {
      database.close();
    }
    const ctx = await browser.newContext({ baseURL: server.url });
    const { page } = await ctx.newPage();
    await page.goto(link);
    await page.getByRole("heading", { name: "This link cannot be used" }).waitFor();
    await page.getByText(/has expired/).waitFor();
    expect(await page.getByRole("button", { name: "Continue to my orders" }).count()).toBe(0);
    await ctx.close();
  });

  it("a forged download token gets the unavailable page, never a file", async () => {
    const forged = `/download/${randomBytes(32).toString("base64url")}`;
    const raw = await fetch(`${server.url}${forged}`, { redirect: "manual" });
    expect(raw.headers.get("content-disposition")).toBeNull();
    expect(raw.status).not.toBe(200);
    expect(raw.status).not.toBe(206);

    const { page } = await attacker.newPage();
    await page.goto(forged);
    await page.waitForURL(/\/downloads\/unavailable/);
    await page.getByRole("heading", { level: 1, name: "This download link doesn’t work" }).waitFor();
    await page.close();
  });

  it("the lookup API and the lookup form answer known and unknown addresses identically", async () => {
    const ask = (email: string) =>
      fetch(`${server.url}/api/v1/lookup`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email }),
      });
    const mailsTo = (email: string) => sink.messages.filter((m) => m.to.includes(email)).length;
    const victimMailsBefore = mailsTo(VICTIM);
    const known = await ask(VICTIM);
    const unknown = await ask("nobody-here@example.com");
    expect([known.status, await known.text()]).toEqual([unknown.status, await unknown.text()]);
    expect(known.status).toBe(202);
    // The same answer is not the same effect: the known address really gets its sign-in link (the
    // look-ups run in the order they were asked, so by then the unknown one has been handled too)
    // and the unknown address gets nothing.
    await sink.waitFor(() => mailsTo(VICTIM) > victimMailsBefore, 30_000);
    expect(mailsTo("nobody-here@example.com")).toBe(0);

    const answerFor = async (email: string) => {
      const ctx = await browser.newContext({ baseURL: server.url });
      const { page } = await ctx.newPage();
      await page.goto("/lookup");
      await page.getByLabel("E-mail address you bought with").fill(email);
      await page.getByRole("button", { name: "Send me a sign-in link" }).click();
      await page.getByText("Check your inbox").waitFor();
      const text = ((await page.locator("main").textContent()) ?? "").replaceAll(email, "<address>");
      await ctx.close();
      return text;
    };
    const victimMailsBeforeForm = mailsTo(VICTIM);
    expect(await answerFor(VICTIM)).toBe(await answerFor("nobody-at-all@example.com"));
    await sink.waitFor(() => mailsTo(VICTIM) > victimMailsBeforeForm, 30_000);
    expect(mailsTo("nobody-at-all@example.com")).toBe(0);
  });
});
