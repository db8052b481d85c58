// Order numbers as stores write them, in Chromium against the real server: a Shopify-style "#1002"
// and a "2026/11/0042" arrive through the signed order webhook, and their links on /orders open
// them for the buyer (the "#" once made the link answer 404).
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signPayload } from "@/lib/crypto/webhook-signature";
import { startAppServer, TEST_WEBHOOK_SECRET, type TAppServer } from "../helpers/app-server";
import { expectCleanPage, launchBrowser, type TTestBrowser } from "../helpers/browser";
import { expectNoAxeViolations } from "../helpers/axe";
import { startSmtpSink, type TSmtpSink } from "../helpers/smtp-sink";

const EMAIL = "numbers.buyer@example.com";

let server: TAppServer;
let browser: TTestBrowser;
let sink: TSmtpSink;

async function postOrder(number: string, sku: string): Promise<Response> {
  const raw = JSON.stringify({
    source: "shopify-shop",
    externalId: `SH-${randomBytes(6).toString("hex")}`,
    number,
    placedAt: new Date(Date.now() - 3_600_000).toISOString(),
    status: "paid",
    currency: "EUR",
    customer: { email: EMAIL, name: "Numbers Buyer" },
    items: [{ sku, name: `Product ${sku}`, quantity: 1, unitAmount: 4900, licenseKeys: [] }],
  });
  return fetch(`${server.url}/api/v1/orders`, {
    method: "POST",
    headers: { "content-type": "application/json", "keydesk-signature": signPayload(TEST_WEBHOOK_SECRET, raw) },
    body: raw,
  });
}

beforeAll(async () => {
  sink = await startSmtpSink();
  server = await startAppServer({ smtpUrl: sink.url });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await sink?.stop();
});

describe("order numbers as stores write them", () => {
  it("opens a #1002 order (and a 2026/11/0042 one) from the buyer's list", async () => {
    expect((await postOrder("#1002", "NUM-HASH")).status).toBe(201);
    expect((await postOrder("2026/11/0042", "NUM-SLASH")).status).toBe(201);

    const tab = await browser.newPage({ baseURL: server.url });
    const { page } = tab;
    await page.goto("/lookup");
    await page.getByLabel("E-mail address you bought with").fill(EMAIL);
    await page.getByRole("button", { name: "Send me a sign-in link" }).click();
    await page.getByText("Check your inbox").waitFor();
    const mail = await sink.waitFor((m) => m.to.includes(EMAIL) && /sign-in link/i.test(m.subject), 30_000);
    const link = /(http:\/\/localhost:\d+\/lookup\/verify\?token=[\w%-]+)/.exec(mail.text)?.[1];
    expect(link).toBeDefined();
    await page.goto(link ?? "");
    await page.getByRole("button", { name: "Continue to my orders" }).click();
    await page.waitForURL(/\/orders$/);

    for (const number of ["#1002", "2026/11/0042"]) {
      await page.getByRole("link", { name: `Order ${number}` }).click();
      await page.getByRole("heading", { level: 1, name: `Order ${number}` }).waitFor();
      expect(await page.locator("main").textContent()).toContain("via shopify-shop");
      await expectNoAxeViolations(page);
      await page.goto("/orders");
    }
    // As the buyer types it into the address bar: without "#".
    await page.goto("/orders/1002");
    await page.getByRole("heading", { level: 1, name: "Order #1002" }).waitFor();

    expectCleanPage(tab);
    await tab.context.close();
  });
});
