// The whole buyer journey in Chromium against the real server and a real SMTP server: an order
// arrives through the signed webhook, the buyer asks for a link on /lookup, opens it from the mail,
// confirms, sees the order, reveals and copies the key, has the keys e-mailed, downloads the
// installer and resumes it with a Range request, checks the access history and signs out everywhere.
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signPayload } from "@/lib/crypto/webhook-signature";
import { runCliOk, startAppServer, TEST_WEBHOOK_SECRET, type TAppServer } from "../helpers/app-server";
import { expectCleanPage, launchBrowser, type TTestBrowser } from "../helpers/browser";
import { expectNoAxeViolations } from "../helpers/axe";
import { startSmtpSink, type TSmtpSink } from "../helpers/smtp-sink";

const EMAIL = "journey.buyer@example.com";
const KEY = "31415-92653-58979-32384";
const SKU = "PFS-JOURNEY";
const INSTALLER = randomBytes(300_000);
const INSTALLER_SHA = createHash("sha256").update(INSTALLER).digest("hex");

let server: TAppServer;
let browser: TTestBrowser;
let sink: TSmtpSink;
let workDir: string;

function order(overrides: Record<string, unknown>) {
  return {
    source: "digitalriver",
    externalId: `DR-${randomBytes(6).toString("hex")}`,
    number: "100234",
    placedAt: new Date(Date.now() - 3_600_000).toISOString(),
    status: "paid",
    currency: "EUR",
    customer: { email: EMAIL, name: "Journey Buyer" },
    items: [{ sku: SKU, name: "PixelForge Studio", quantity: 1, unitAmount: 4900, licenseKeys: [KEY] }],
    ...overrides,
  };
}

async function postOrder(body: unknown): Promise<Response> {
  const raw = JSON.stringify(body);
  return fetch(`${server.url}/api/v1/orders`, {
    method: "POST",
    headers: { "content-type": "application/json", "keydesk-signature": signPayload(TEST_WEBHOOK_SECRET, raw) },
    body: raw,
  });
}

beforeAll(async () => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), "keydesk-journey-"));
  const seed = path.join(workDir, "seed.jsonl");
  const installer = path.join(workDir, "pixelforge-setup.exe");
  fs.writeFileSync(installer, INSTALLER);
  // The product exists once an order names it; its installer is registered before the server starts.
  fs.writeFileSync(
    seed,
    `${JSON.stringify(order({ customer: { email: "seed@example.com", name: "Seed" }, number: "1", items: [{ sku: SKU, name: "PixelForge Studio", quantity: 1, unitAmount: 4900, licenseKeys: [] }] }))}\n`,
  );
  sink = await startSmtpSink();
  server = await startAppServer({
    smtpUrl: sink.url,
    beforeStart: async (s) => {
      await runCliOk(s, ["migrate"]);
      await runCliOk(s, ["orders:import", seed]);
      await runCliOk(s, ["product:file", "--sku", SKU, "--file", installer, "--version", "5.2"]);
    },
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await sink?.stop();
  if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
});

describe("buyer journey", () => {
  it("gets from a lost key to the key, a resent mail and the installer — accessible all the way", async () => {
    expect((await postOrder(order({}))).status).toBe(201);

    const ctx = await browser.newContext({ baseURL: server.url, permissions: ["clipboard-read", "clipboard-write"] });
    const tab = await ctx.newPage();
    const { page } = tab;

    // 1. Find my orders.
    await page.goto("/lookup");
    await expectNoAxeViolations(page);
    await page.getByLabel("E-mail address you bought with").fill(EMAIL);
    await page.getByRole("button", { name: "Send me a sign-in link" }).click();
    await page.getByText("Check your inbox").waitFor();

    // 2. The link arrives by mail; opening it only shows the confirm page.
    const signInMail = await sink.waitFor((m) => m.to.includes(EMAIL) && /sign-in link/i.test(m.subject), 30_000);
    const link = /(http:\/\/localhost:\d+\/lookup\/verify\?token=[\w%-]+)/.exec(signInMail.text)?.[1];
    expect(link).toBeDefined();
    await page.goto(link ?? "");
    await page.getByRole("heading", { name: "Sign in to see your orders" }).waitFor();
    await expectNoAxeViolations(page);
    await page.getByRole("button", { name: "Continue to my orders" }).click();

    // 3. The orders.
    await page.waitForURL(/\/orders$/);
    await page.getByRole("heading", { level: 1, name: "Your orders" }).waitFor();
    const entry = page.getByRole("listitem").filter({ has: page.getByRole("link", { name: "Order 100234" }) });
    await expect(entry.textContent()).resolves.toMatch(/via digitalriver.*PixelForge Studio × 1.*€49\.00.*Paid/s);
    await expectNoAxeViolations(page);
    await page.getByRole("link", { name: "Order 100234" }).click();
    await page.getByRole("heading", { level: 1, name: "Order 100234" }).waitFor();
    expect(await page.content()).not.toContain(KEY);
    await expectNoAxeViolations(page);

    // 4. Reveal and copy the key.
    await page.getByRole("button", { name: "Reveal" }).click();
    await page.getByText(KEY, { exact: true }).waitFor();
    await page.getByRole("button", { name: /^Copy licence key/ }).click();
    await page.getByRole("button", { name: /^Copied licence key/ }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(KEY);
    await expectNoAxeViolations(page);

    // 5. E-mail me my keys.
    await page.getByRole("button", { name: "E-mail me my keys" }).click();
    await page.getByText(/We are sending your licence key to/).waitFor();
    const keysMail = await sink.waitFor((m) => m.to.includes(EMAIL) && /licence key/i.test(m.subject), 30_000);
    expect(keysMail.text).toContain(`PixelForge Studio: ${KEY}`);
    expect(keysMail.text).toContain("Order 100234");
    expect(keysMail.text).not.toContain("Journey Buyer");

    // 6. Download the installer, then resume it from the middle with a Range request.
    await page.getByText(`SHA-256 ${INSTALLER_SHA}`).waitFor();
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: /Download pixelforge-setup\.exe/ }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("pixelforge-setup.exe");
    const saved = await download.path();
    expect(createHash("sha256").update(fs.readFileSync(saved)).digest("hex")).toBe(INSTALLER_SHA);
    const cookie = (await ctx.context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
    const half = 123_456;
    const rest = await fetch(download.url(), { headers: { range: `bytes=${half}-`, cookie } });
    expect(rest.status).toBe(206);
    expect(rest.headers.get("content-range")).toBe(`bytes ${half}-${INSTALLER.length - 1}/${INSTALLER.length}`);
    const resumed = Buffer.concat([INSTALLER.subarray(0, half), Buffer.from(await rest.arrayBuffer())]);
    expect(createHash("sha256").update(resumed).digest("hex")).toBe(INSTALLER_SHA);

    // 7. The access history shows all of it; "sign out everywhere" ends the session.
    await page.goto("/orders");
    await page.getByRole("link", { name: "Access history" }).click();
    await page.getByRole("heading", { level: 1, name: "Access history" }).waitFor();
    const history = (await page.locator("main").textContent()) ?? "";
    for (const what of [
      "Signed in with an e-mail link",
      "Licence key revealed",
      "Licence keys e-mailed",
      "Download link created",
      "Download started",
      "This browser",
    ]) {
      expect(history).toContain(what);
    }
    await expectNoAxeViolations(page);
    await page.getByRole("button", { name: "Sign out everywhere" }).click();
    await page.waitForURL(/\/lookup\?signin=signed-out/);
    await page.getByText("You are signed out on every device.").waitFor();
    await page.goto("/orders");
    await page.waitForURL(/\/lookup\?signin=required/);

    expectCleanPage(tab);
    await ctx.close();
  });
});
