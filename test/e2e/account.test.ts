// The account page in Chromium against the real server and a real SMTP server: a buyer signed in
// through "find my orders" edits their details (field errors first), joins the newsletter and leaves
// it with a cookie-less one-click POST taken from the mail's List-Unsubscribe header, downloads their
// data, changes their e-mail address (confirm mail to the new address, notice with undo to the old
// one) and undoes it — every page checked with axe.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { signPayload } from "@/lib/crypto/webhook-signature";
import os from "node:os";
import { runCliOk, startAppServer, TEST_WEBHOOK_SECRET, type TAppServer } from "../helpers/app-server";
import { expectCleanPage, launchBrowser, type TTestBrowser } from "../helpers/browser";
import { expectNoAxeViolations } from "../helpers/axe";
import { passSecondFactor } from "../helpers/agent-sign-in";
import { startSmtpSink, type TSmtpSink } from "../helpers/smtp-sink";

const EMAIL = "account.owner@example.com";
const NEW_EMAIL = "account.renamed@example.org";
const KEY = "27182-81828-45904-52353";
const SCREENSHOTS = path.join(os.tmpdir(), "keydesk-e2e-shots");
// Mobile and console views are written here for a look by whoever runs the test (not committed).
const REVIEW_SHOTS = path.join(os.tmpdir(), "keydesk-account-shots");
const ADMIN = { email: "privacy.admin@example.com", password: "correct horse battery staple" };

let server: TAppServer;
let browser: TTestBrowser;
let sink: TSmtpSink;

async function postOrder(): Promise<Response> {
  const raw = JSON.stringify({
    source: "digitalriver",
    externalId: `DR-${randomBytes(6).toString("hex")}`,
    number: "200777",
    placedAt: new Date(Date.now() - 3_600_000).toISOString(),
    status: "paid",
    currency: "EUR",
    customer: {
      email: EMAIL,
      name: "Ada Owner",
      address: { line1: "1 Old Street", city: "Berlin", postalCode: "10115", country: "DE" },
    },
    items: [{ sku: "PFS-ACCOUNT", name: "PixelForge Studio", quantity: 1, unitAmount: 4900, licenseKeys: [KEY] }],
  });
  return fetch(`${server.url}/api/v1/orders`, {
    method: "POST",
    headers: { "content-type": "application/json", "keydesk-signature": signPayload(TEST_WEBHOOK_SECRET, raw) },
    body: raw,
  });
}

function linkIn(text: string, pathname: string): string {
  const match = new RegExp(`(http://localhost:\\d+${pathname}\\?token=[\\w%-]+)`).exec(text);
  if (!match?.[1]) throw new Error(`no ${pathname} link in the mail`);
  return match[1];
}

async function signIn(page: Page, email: string): Promise<void> {
  const before = sink.messages.length;
  await page.goto("/lookup");
  await page.getByLabel("E-mail address you bought with").fill(email);
  await page.getByRole("button", { name: "Send me a sign-in link" }).click();
  const mail = await sink.waitFor(
    (m) => sink.messages.indexOf(m) >= before && m.to.includes(email) && /sign-in link/i.test(m.subject),
    30_000,
  );
  await page.goto(linkIn(mail.text, "/lookup/verify"));
  await page.getByRole("button", { name: "Continue to my orders" }).click();
  await page.waitForURL(/\/orders$/);
}

beforeAll(async () => {
  sink = await startSmtpSink();
  server = await startAppServer({
    smtpUrl: sink.url,
    beforeStart: (s) =>
      runCliOk(s, ["agent:create", "--email", ADMIN.email, "--name", "Pia Privacy", "--role", "admin"], {
        KEYDESK_AGENT_PASSWORD: ADMIN.password,
      }),
  });
  fs.mkdirSync(REVIEW_SHOTS, { recursive: true });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await sink?.stop();
});

describe("account", () => {
  it("edits details, leaves the newsletter in one click, exports data, changes the e-mail address and undoes it", async () => {
    expect((await postOrder()).status).toBe(201);
    const ctx = await browser.newContext({ baseURL: server.url, acceptDownloads: true });
    const tab = await ctx.newPage();
    const { page } = tab;
    await signIn(page, EMAIL);

    // 1. Details: the store's address is there; a bad postal code is refused next to the field.
    await page.goto("/account");
    await page.getByRole("heading", { level: 1, name: "Your account" }).waitFor();
    expect(await page.getByLabel("Full name").inputValue()).toBe("Ada Owner");
    expect(await page.getByLabel("Country").inputValue()).toBe("DE");
    await expectNoAxeViolations(page);
    await page.getByLabel("Postal code").fill("1234");
    await page.getByLabel("Phone (optional)").fill("030 1234567");
    await page.getByRole("button", { name: "Save details" }).click();
    await page.getByText("Enter a postal code in the format used in Germany, e.g. 10115").waitFor();
    expect(await page.getByLabel("Postal code").getAttribute("aria-invalid")).toBe("true");
    await expectNoAxeViolations(page);
    await page.getByLabel("Postal code").fill("10117");
    await page.getByRole("button", { name: "Save details" }).click();
    await page.getByText("Your details are saved.").waitFor();
    await page.reload();
    expect(await page.getByLabel("Phone (optional)").inputValue()).toBe("+49301234567");
    expect(await page.getByLabel("Postal code").inputValue()).toBe("10117");

    // 2. Newsletter: subscribe; the welcome mail carries RFC 8058 headers; a mail client's POST
    //    without cookies unsubscribes.
    await page.getByRole("button", { name: "Subscribe to the newsletter" }).click();
    await page.getByText("You are subscribed to the newsletter.").waitFor();
    const welcome = await sink.waitFor(
      (m) => m.to.includes(EMAIL) && /subscribed to the newsletter/i.test(m.subject),
      30_000,
    );
    expect(welcome.headers["list-unsubscribe-post"]).toBe("List-Unsubscribe=One-Click");
    const oneClick = /<(http:\/\/localhost:\d+\/api\/v1\/unsubscribe\/[\w.-]+)>/.exec(
      welcome.headers["list-unsubscribe"] ?? "",
    )?.[1];
    expect(oneClick).toBeDefined();
    const refused = await fetch(oneClick ?? "", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "something=else",
    });
    expect(refused.status).toBe(400);
    const forged = await fetch(`${(oneClick ?? "").slice(0, -4)}AAAA`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "List-Unsubscribe=One-Click",
    });
    expect(forged.status).toBe(404);
    const unsubscribed = await fetch(oneClick ?? "", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "List-Unsubscribe=One-Click",
    });
    expect(unsubscribed.status).toBe(200);
    await page.reload();
    await page.getByRole("button", { name: "Subscribe to the newsletter" }).waitFor();
    // A person opening the header's URL gets a confirm page, not an instant change.
    await page.goto(oneClick ?? "");
    await page.waitForURL(/\/unsubscribe\/[\w.-]+$/);
    await page.getByRole("heading", { name: "Unsubscribe from the newsletter" }).waitFor();
    await expectNoAxeViolations(page);

    // 3. Download my data.
    await page.goto("/account");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Download my data" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^keydesk-my-data-.*\.json$/);
    const exported = JSON.parse(fs.readFileSync(await download.path(), "utf8")) as {
      profile: { email: string; phone: string };
      orders: { number: string; items: { licenseKeys: { key: string }[] }[] }[];
    };
    expect(exported.profile).toMatchObject({ email: EMAIL, phone: "+49301234567" });
    expect(exported.orders[0]?.number).toBe("200777");
    expect(exported.orders[0]?.items[0]?.licenseKeys[0]?.key).toBe(KEY);
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(SCREENSHOTS, "account.png"), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: path.join(REVIEW_SHOTS, "account-mobile.png"), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 800 });

    // 4. E-mail change: the link goes to the NEW address; confirming moves the account.
    await page.getByLabel("New e-mail address").fill(NEW_EMAIL);
    await page.getByRole("button", { name: "Send confirmation link" }).click();
    await page.getByText(`We sent a confirmation link to ${NEW_EMAIL}.`).waitFor();
    const confirmMail = await sink.waitFor(
      (m) => m.to.includes(NEW_EMAIL) && /confirm your new e-mail/i.test(m.subject),
      30_000,
    );
    await page.goto(linkIn(confirmMail.text, "/email-change/confirm"));
    await page.getByRole("heading", { name: "Confirm your new e-mail address" }).waitFor();
    await expectNoAxeViolations(page);
    await page.getByRole("button", { name: "Use this address" }).click();
    await page.getByText(`your orders, licence keys and tickets now belong to ${NEW_EMAIL}`).waitFor();
    await page.goto("/account");
    await page.getByText(NEW_EMAIL, { exact: true }).first().waitFor();

    // 5. The old address was told, with an undo link that restores it and signs everyone out.
    const notice = await sink.waitFor((m) => m.to.includes(EMAIL) && /address was changed/i.test(m.subject), 30_000);
    expect(notice.text).not.toContain(NEW_EMAIL);
    await page.goto(linkIn(notice.text, "/email-change/undo"));
    await page.getByRole("heading", { name: "Undo the e-mail change" }).waitFor();
    await expectNoAxeViolations(page);
    await page.getByRole("button", { name: "Undo the change" }).click();
    await page.getByText(`your account is back on ${EMAIL}`).waitFor();
    await page.goto("/account");
    await page.waitForURL(/\/lookup\?signin=required/);

    // Signed in again with the old address, the orders are there.
    await signIn(page, EMAIL);
    await page.getByRole("link", { name: "Order 200777" }).waitFor();

    // 6. Erasure: the buyer asks (after ticking the confirmation)…
    await page.goto("/account");
    await page.getByRole("button", { name: "Ask for my data to be erased" }).click();
    await page.getByText("Tick this box to continue").waitFor();
    await page.getByLabel(/I understand that erasure cannot be undone/).check();
    await page.getByRole("button", { name: "Ask for my data to be erased" }).click();
    await page.getByText("Your request is with our team.").waitFor();
    await expectNoAxeViolations(page);

    // …an admin finds the customer, reads the request and approves it, revoking the keys.
    const adminCtx = await browser.newContext({ baseURL: server.url });
    const agentTab = await adminCtx.newPage();
    const a = agentTab.page;
    await a.goto("/agent/login");
    await a.getByLabel("E-mail").fill(ADMIN.email);
    await a.getByLabel("Password").fill(ADMIN.password);
    await a.getByRole("button", { name: "Sign in", exact: true }).click();
    await passSecondFactor(a, ADMIN.email);
    await a.getByRole("link", { name: "Customers" }).click();
    await a.getByLabel("Customer e-mail address").fill(EMAIL);
    await a.getByRole("button", { name: "Find customer" }).click();
    await a.getByRole("heading", { level: 1, name: "Ada Owner" }).waitFor();
    await a.getByText("Erasure requested").first().waitFor();
    await expectNoAxeViolations(a);
    await a.screenshot({ path: path.join(REVIEW_SHOTS, "agent-customer.png"), fullPage: true });
    await a.getByRole("link", { name: "Privacy" }).click();
    await a.getByRole("heading", { level: 1, name: "Privacy" }).waitFor();
    await expectNoAxeViolations(a);
    await a.screenshot({ path: path.join(REVIEW_SHOTS, "agent-privacy.png"), fullPage: true });
    const [csv] = await Promise.all([
      a.waitForEvent("download"),
      a.getByRole("button", { name: "Download opt-ins (CSV)" }).click(),
    ]);
    // Every cell is quoted (formula-safe CSV, lib/csv/to-safe-csv.ts).
    expect(fs.readFileSync(await csv.path(), "utf8").split("\r\n")[0]).toBe(
      '"email","name","subscribed_at","unsubscribe_url"',
    );
    await a.getByLabel("Revoke them").check();
    await a.getByRole("button", { name: "Approve and erase" }).click();
    await a.getByText(/Erased: 1 order anonymised, 0 tickets cleared, 1 licence key revoked/).waitFor();
    const goodbye = await sink.waitFor((m) => m.to.includes(EMAIL) && /data has been erased/i.test(m.subject), 30_000);
    expect(goodbye.text).toContain("deactivated");

    // The buyer is signed out for good and their address finds nothing any more.
    await page.goto("/account");
    await page.waitForURL(/\/lookup\?signin=required/);
    await adminCtx.close();
    tab.consoleErrors = tab.consoleErrors.filter((m) => !/status of 404 .*\/support\/new\?_rsc=/.test(m));
    expectCleanPage(tab);
    await ctx.close();
  });
});
