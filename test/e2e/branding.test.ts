// A vendor makes the portal its own in the console: name, colour (a weak one refused with its
// contrast ratio), logo and legal links. Buyers then see the vendor on every page — home, look-up,
// the sign-in confirm page, an order, the not-found page — in the header, titles, favicon, Open
// Graph tags, colour and footer, with "Keydesk" at most in a small "Powered by Keydesk" that the
// admin can hide. /favicon.ico always answers.
import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { TEST_WEBHOOK_SECRET } from "../helpers/app-server";
import { expectCleanPage } from "../helpers/browser";
import { expectNoAxeViolations } from "../helpers/axe";
import { startAppWithAdmin, type TAppWithAdmin } from "../helpers/app-with-admin";
import { startSmtpSink, type TSmtpSink } from "../helpers/smtp-sink";
import { signPayload } from "@/lib/crypto/webhook-signature";

const ADMIN_EMAIL = "brand-admin@example.com";
const BUYER = "brand-buyer@example.com";
const LOGO = path.join(__dirname, "../fixtures/brand/logo.png");
const VENDOR = "Acme Software";

let app: TAppWithAdmin;
let sink: TSmtpSink;

beforeAll(async () => {
  sink = await startSmtpSink();
  app = await startAppWithAdmin({ email: ADMIN_EMAIL, name: "Bri Brand" }, { smtpUrl: sink.url });
});

afterAll(async () => {
  await app?.stop();
  await sink?.stop();
});

/** What a buyer page says about whose site it is. */
async function brandOf(page: Page) {
  return page.evaluate(() => {
    const meta = (property: string) =>
      document.querySelector(`meta[property="${property}"]`)?.getAttribute("content") ?? null;
    const button = document.querySelector(".btn--primary");
    return {
      title: document.title,
      headerLogoAlt: document.querySelector(".site-header img")?.getAttribute("alt") ?? null,
      headerLogoSrc: document.querySelector(".site-header img")?.getAttribute("src") ?? null,
      icon: document.querySelector('link[rel="icon"]')?.getAttribute("href") ?? null,
      ogSiteName: meta("og:site_name"),
      ogTitle: meta("og:title"),
      ogImage: meta("og:image"),
      brandColor: getComputedStyle(document.documentElement).getPropertyValue("--color-brand").trim(),
      buttonBackground: button ? getComputedStyle(button).backgroundColor : null,
      text: document.body.innerText,
      metaText: Array.from(document.head.querySelectorAll("title, meta"))
        .map((el) => `${el.textContent ?? ""} ${el.getAttribute("content") ?? ""}`)
        .join(" "),
    };
  });
}

/** "Keydesk" nowhere a buyer looks, except the one "Powered by Keydesk" line when it is shown. */
function keydeskMentions(brand: { text: string; metaText: string; title: string }): number {
  const visible = `${brand.text} ${brand.metaText} ${brand.title}`.replaceAll("Powered by Keydesk", "");
  return (visible.match(/keydesk/gi) ?? []).length;
}

async function postOrder(number: string): Promise<number> {
  const raw = JSON.stringify({
    source: "digitalriver",
    externalId: `DR-${randomBytes(6).toString("hex")}`,
    number,
    placedAt: new Date().toISOString(),
    status: "paid",
    currency: "EUR",
    customer: { email: BUYER, name: "Bo Buyer" },
    items: [{ sku: "ACME-1", name: "Acme Studio", quantity: 1, unitAmount: 4900, licenseKeys: ["ACME-1111-2222"] }],
  });
  const response = await fetch(`${app.server.url}/api/v1/orders`, {
    method: "POST",
    headers: { "content-type": "application/json", "keydesk-signature": signPayload(TEST_WEBHOOK_SECRET, raw) },
    body: raw,
  });
  return response.status;
}

describe("the vendor's brand", () => {
  it("answers /favicon.ico with the default icon before any brand is set", async () => {
    const response = await fetch(`${app.server.url}/favicon.ico`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/x-icon");
  });

  it("is set by an admin in the console and shown on every buyer page", async () => {
    const admin = await app.adminPage();
    await admin.page.goto("/agent/settings");
    await expectNoAxeViolations(admin.page);
    const form = admin.page.locator("form").filter({ has: admin.page.getByRole("button", { name: "Save brand" }) });
    await form.getByLabel("Name shown to buyers").fill(VENDOR);
    await form.getByLabel("Primary colour").fill("#ffcc00");
    await form.getByRole("button", { name: "Save brand" }).click();
    await form.getByText(/#ffcc00 has a contrast ratio of 1\.51:1 against white/).waitFor();
    await form.getByLabel("Primary colour").fill("#0f766e");
    await form.getByLabel(/^Logo/).setInputFiles(LOGO);
    await form.getByLabel("Privacy policy address").fill("https://acme.example/privacy");
    await form.getByLabel("Support e-mail").fill("help@acme.example");
    await form.getByLabel("Legal name and postal address").fill("Acme Software GmbH, Hauptstr. 1, 10115 Berlin");
    // The home page is in the page cache (scripts/page-cache.mjs) with the old brand just before the save…
    while ((await fetch(`${app.server.url}/`)).headers.get("x-keydesk-page-cache") !== "hit") {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await form.getByRole("button", { name: "Save brand" }).click();
    await form.getByText("Brand saved.", { exact: false }).waitFor();
    // …and the save drops it at once: the very next anonymous visitor sees the new brand.
    expect(await (await fetch(`${app.server.url}/`)).text()).toContain(VENDOR);
    // The console shows whose portal it is.
    await admin.page.reload();
    await admin.page.locator(".console__topbar").getByText(VENDOR).waitFor();
    expectCleanPage(admin);

    expect(await postOrder("300001")).toBe(201);
    const buyerCtx = await app.browser.newContext({ baseURL: app.server.url });
    const tab = await buyerCtx.newPage();
    const page = tab.page;

    const checkPage = async (url: string, title: string) => {
      // After a client navigation React hoists the new head a moment after the content: wait for it.
      await expect
        .poll(async () => ({ url, title: (await brandOf(page)).title }), { timeout: 5_000 })
        .toEqual({
          url,
          title,
        });
      const brand = await brandOf(page);
      expect(brand.headerLogoAlt).toBe(VENDOR);
      expect(brand.headerLogoSrc).toMatch(/^\/brand\/logo\/[0-9a-f]{64}\.png$/);
      expect(brand.icon).toBe(brand.headerLogoSrc);
      expect(brand.ogSiteName).toBe(VENDOR);
      // A shared link names the page and the vendor (og:title "Page · Vendor", the home page just the vendor).
      expect(brand.ogTitle).toBe(title);
      expect(brand.ogImage).toBe(`${app.server.url}${brand.headerLogoSrc}`);
      expect(brand.brandColor).toBe("#0f766e");
      if (brand.buttonBackground) expect(brand.buttonBackground).toBe("rgb(15, 118, 110)");
      expect(brand.text).toContain("Powered by Keydesk");
      expect(brand.text).toContain("help@acme.example");
      expect(brand.text).toContain("Acme Software GmbH");
      expect(keydeskMentions(brand)).toBe(0);
      await expectNoAxeViolations(page);
    };

    await page.goto("/");
    await checkPage("/", VENDOR);
    const logo = await fetch(`${app.server.url}${(await brandOf(page)).headerLogoSrc}`);
    expect(logo.status).toBe(200);
    expect(logo.headers.get("content-type")).toBe("image/png");
    expect(logo.headers.get("x-content-type-options")).toBe("nosniff");
    expect(logo.headers.get("cache-control")).toContain("immutable");
    expect(Buffer.from(await logo.arrayBuffer())).toEqual(fs.readFileSync(LOGO));

    await page.goto("/lookup");
    await checkPage("/lookup", `Find my orders · ${VENDOR}`);
    await page.getByLabel("E-mail address you bought with").fill(BUYER);
    await page.getByRole("button", { name: "Send me a sign-in link" }).click();
    const mail = await sink.waitFor((m) => m.to.includes(BUYER) && /sign-in link/i.test(m.subject), 30_000);
    await page.goto(/(http:\/\/localhost:\d+\/lookup\/verify\?token=[\w%-]+)/.exec(mail.text)?.[1] ?? "");
    await checkPage("/lookup/verify", `Sign in · ${VENDOR}`);
    await page.getByRole("button", { name: "Continue to my orders" }).click();
    await page.waitForURL(/\/orders$/);
    await page.goto("/orders/300001");
    await checkPage("/orders/300001", `Order · ${VENDOR}`);

    expectCleanPage(tab);
    const missing = await page.goto("/no-such-page");
    expect(missing?.status()).toBe(404);
    await checkPage("/no-such-page", `Page not found · ${VENDOR}`);
    // The one error Chromium logs there is the 404 itself (the logo, theme and favicon all loaded).
    expect(tab.consoleErrors).toEqual([expect.stringMatching(/status of 404 .*\/no-such-page\]$/)]);

    const favicon = await fetch(`${app.server.url}/favicon.ico`);
    expect(favicon.status).toBe(200);
    expect(favicon.headers.get("content-type")).toBe("image/png");

    // Hiding "Powered by Keydesk" removes the last mention.
    await admin.page.goto("/agent/settings");
    await admin.page.getByLabel("Show “Powered by Keydesk” in the footer").uncheck();
    await admin.page.getByRole("button", { name: "Save brand" }).click();
    await admin.page.getByText("Brand saved.", { exact: false }).waitFor();
    await page.goto("/");
    const hidden = await brandOf(page);
    expect(hidden.text).not.toContain("Powered by Keydesk");
    expect(keydeskMentions(hidden)).toBe(0);
    expect(hidden.headerLogoAlt).toBe(VENDOR);
    await admin.context.close();
    await buyerCtx.close();
  });
});
