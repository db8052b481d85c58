// Refunds end to end in Chromium against the real server and a real SMTP server: a buyer who
// ordered twice requests the refund of the duplicate in three clicks, an agent approves it in one,
// and the duplicate's key shows revoked and its download is refused while the original keeps working.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signPayload } from "@/lib/crypto/webhook-signature";
import { runCliOk, startAppServer, TEST_WEBHOOK_SECRET, type TAppServer } from "../helpers/app-server";
import { expectCleanPage, launchBrowser, type TTestBrowser } from "../helpers/browser";
import { expectNoAxeViolations } from "../helpers/axe";
import { passSecondFactor } from "../helpers/agent-sign-in";
import { startSmtpSink, type TSmtpSink } from "../helpers/smtp-sink";

const EMAIL = "twice.buyer@example.com";
const AGENT_EMAIL = "rita.refunds@example.com";
const PASSWORD = "correct horse battery staple";
const SKU = "PFS-REFUND";
const ORIGINAL_KEY = "11111-22222-33333-44444";
const DUPLICATE_KEY = "55555-66666-77777-88888";
const SCREENSHOTS = path.join(os.tmpdir(), "keydesk-e2e-shots");

let server: TAppServer;
let browser: TTestBrowser;
let sink: TSmtpSink;
let workDir: string;

// KEYDESK_SCREENSHOT_DIR=… also saves the buyer's and agent's pages at desktop and phone width there.
async function snapshot(page: import("playwright-core").Page, name: string): Promise<void> {
  const dir = process.env.KEYDESK_SCREENSHOT_DIR;
  if (!dir) return;
  const viewport = page.viewportSize() ?? { width: 1280, height: 900 };
  await page.screenshot({ path: path.join(dir, `${name}-desktop.png`), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: path.join(dir, `${name}-mobile.png`), fullPage: true });
  await page.setViewportSize(viewport);
}

function order(number: string, key: string, hoursAgo: number, email = EMAIL) {
  return {
    source: "digitalriver",
    externalId: `DR-${randomBytes(6).toString("hex")}`,
    number,
    placedAt: new Date(Date.now() - hoursAgo * 3_600_000).toISOString(),
    status: "paid",
    currency: "EUR",
    customer: { email, name: "Twice Buyer" },
    items: [{ sku: SKU, name: "PixelForge Studio", quantity: 1, unitAmount: 4900, licenseKeys: key ? [key] : [] }],
  };
}

async function postOrder(body: unknown): Promise<number> {
  const raw = JSON.stringify(body);
  const response = await fetch(`${server.url}/api/v1/orders`, {
    method: "POST",
    headers: { "content-type": "application/json", "keydesk-signature": signPayload(TEST_WEBHOOK_SECRET, raw) },
    body: raw,
  });
  return response.status;
}

beforeAll(async () => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), "keydesk-refunds-"));
  const seed = path.join(workDir, "seed.jsonl");
  const installer = path.join(workDir, "pixelforge-setup.exe");
  fs.writeFileSync(installer, randomBytes(50_000));
  fs.writeFileSync(seed, `${JSON.stringify(order("1", "", 1000, "seed@example.com"))}\n`);
  sink = await startSmtpSink();
  server = await startAppServer({
    smtpUrl: sink.url,
    beforeStart: async (s) => {
      await runCliOk(s, ["migrate"]);
      await runCliOk(s, ["orders:import", seed]);
      await runCliOk(s, ["product:file", "--sku", SKU, "--file", installer, "--version", "5.2"]);
      await runCliOk(s, ["agent:create", "--email", AGENT_EMAIL, "--name", "Rita Refunds", "--role", "admin"], {
        KEYDESK_AGENT_PASSWORD: PASSWORD,
      });
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

describe("refunds", () => {
  it("refunds the duplicate order: three clicks for the buyer, one for the agent, the original keeps working", async () => {
    expect(await postOrder(order("200001", ORIGINAL_KEY, 5))).toBe(201);
    expect(await postOrder(order("200002", DUPLICATE_KEY, 1))).toBe(201);

    // The buyer signs in with a mailed link.
    const buyerCtx = await browser.newContext({ baseURL: server.url });
    const buyerTab = await buyerCtx.newPage();
    const buyer = buyerTab.page;
    await buyer.goto("/lookup");
    await buyer.getByLabel("E-mail address you bought with").fill(EMAIL);
    await buyer.getByRole("button", { name: "Send me a sign-in link" }).click();
    const signInMail = await sink.waitFor((m) => m.to.includes(EMAIL) && /sign-in link/i.test(m.subject), 30_000);
    await buyer.goto(/(http:\/\/localhost:\d+\/lookup\/verify\?token=[\w%-]+)/.exec(signInMail.text)?.[1] ?? "");
    await buyer.getByRole("button", { name: "Continue to my orders" }).click();
    await buyer.waitForURL(/\/orders$/);

    // A download link of the duplicate, made before the refund.
    await buyer.goto("/orders/200002");
    const [early] = await Promise.all([
      buyer.waitForEvent("download"),
      buyer.getByRole("button", { name: /Download pixelforge-setup\.exe/ }).click(),
    ]);
    const duplicateDownloadUrl = early.url();
    await buyer.goto("/orders");

    // Three clicks: the order, "Request a refund", "Send refund request" (item and reason preselected).
    await buyer.getByRole("link", { name: "Order 200002" }).click();
    await buyer.getByRole("heading", { level: 1, name: "Order 200002" }).waitFor();
    await buyer.getByText("This looks like a repeat of order 200001").waitFor();
    await buyer.getByRole("button", { name: "Request a refund" }).click();
    expect(await buyer.getByLabel("I ordered twice by mistake").isChecked()).toBe(true);
    await expectNoAxeViolations(buyer);
    await snapshot(buyer, "buyer-refund-form");
    await buyer.getByRole("button", { name: "Send refund request" }).click();
    await buyer.getByText(/Requested .* for PixelForge Studio \(€49\.00\) · I ordered twice by mistake/).waitFor();
    await buyer.getByRole("button", { name: "Cancel refund request" }).waitFor();
    await expectNoAxeViolations(buyer);
    await snapshot(buyer, "buyer-refund-pending");
    const received = await sink.waitFor(
      (m) => m.to.includes(EMAIL) && /received your refund request/i.test(m.subject),
      30_000,
    );
    expect(received.text).toContain("order 200002");
    expect(received.text).not.toContain(DUPLICATE_KEY);

    // The agent approves in one click.
    const agentCtx = await browser.newContext({ baseURL: server.url, viewport: { width: 1280, height: 900 } });
    const agentTab = await agentCtx.newPage();
    const agent = agentTab.page;
    await agent.goto("/agent/login");
    await agent.getByLabel("E-mail").fill(AGENT_EMAIL);
    await agent.getByLabel("Password").fill(PASSWORD);
    await agent.getByRole("button", { name: "Sign in", exact: true }).click();
    await passSecondFactor(agent, AGENT_EMAIL);
    await agent.getByRole("link", { name: "Refunds" }).click();
    const entry = agent.getByRole("region", { name: /Order 200002/ });
    await entry.getByText("Accidental duplicate order").waitFor();
    await entry.getByRole("link", { name: "order 200001" }).waitFor();
    await expectNoAxeViolations(agent);
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    await agent.screenshot({ path: path.join(SCREENSHOTS, "agent-refunds.png"), fullPage: true });
    await snapshot(agent, "agent-refunds");
    await entry.getByRole("button", { name: "Approve refund" }).click();
    // The request moves to "Recently decided", waiting for the money to go back (manual gateway).
    await entry.getByText(/^Approved by Rita Refunds on /).waitFor();
    await entry.getByLabel("Processor refund reference").waitFor();
    await expectNoAxeViolations(agent);
    await snapshot(agent, "agent-refunds-decided");
    await sink.waitFor((m) => m.to.includes(EMAIL) && /refund request was approved/i.test(m.subject), 30_000);

    // The buyer sees the duplicate's key revoked and its download refused…
    await buyer.goto("/orders/200002");
    await buyer.getByRole("group", { name: /Licence key for PixelForge Studio \(revoked\)/ }).waitFor();
    expect(await buyer.getByRole("button", { name: "Reveal" }).count()).toBe(0);
    await expectNoAxeViolations(buyer);
    await snapshot(buyer, "buyer-refund-approved");
    const refused = await fetch(duplicateDownloadUrl, { redirect: "manual" });
    expect(refused.status).toBe(303);
    expect(refused.headers.get("location")).toMatch(/\/downloads\/unavailable/);

    // …while the original order's key and download still work.
    await buyer.goto("/orders/200001");
    await buyer.getByRole("button", { name: "Reveal" }).click();
    await buyer.getByText(ORIGINAL_KEY, { exact: true }).waitFor();
    const [download] = await Promise.all([
      buyer.waitForEvent("download"),
      buyer.getByRole("button", { name: /Download pixelforge-setup\.exe/ }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("pixelforge-setup.exe");

    buyerTab.consoleErrors = buyerTab.consoleErrors.filter(
      (m) => !/status of 404 .*\/(support\/new|account)\?_rsc=/.test(m),
    );
    expectCleanPage(buyerTab);
    expectCleanPage(agentTab);
    await buyerCtx.close();
    await agentCtx.close();
  });
});
