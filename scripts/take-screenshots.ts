// npm run screenshots — regenerates docs/screenshots/*.png from the real UI: starts the production
// build with the demo data, a real SMTP sink, an admin and a branded vendor (PixelForge: name, logo,
// colour, legal footer), then walks the buyer screens in English and German — look-up, the sign-in
// mail, orders, an order with its keys, a new ticket — and the agent screens in headless Chromium.
// Used for the README; run it after changing a screen.
import path from "node:path";
import { spawnSync } from "node:child_process";
import type { Page } from "playwright-core";
import { runCliOk, startAppServer } from "../test/helpers/app-server";
import { launchBrowser, type TTrackedContext } from "../test/helpers/browser";
import { passSecondFactor } from "../test/helpers/agent-sign-in";
import { startSmtpSink, type TSmtpSink } from "../test/helpers/smtp-sink";
import { addVirtualAuthenticator } from "../test/helpers/virtual-authenticator";

const OUT = path.resolve(import.meta.dirname, "../docs/screenshots");
const ROOT = path.resolve(import.meta.dirname, "..");
const ADMIN = { email: "ada@example.com", password: "correct horse battery staple" };
const BUYER = "mara.okafor@example.com";

async function shot(page: Page, name: string, fullPage = true) {
  await page.waitForLoadState("networkidle");
  await page.screenshot({ path: path.join(OUT, `${name}.png`), fullPage });
  console.log(`docs/screenshots/${name}.png`);
}

/** The words a buyer clicks, in one language, and the names its screenshots get. */
interface TTour {
  suffix: string;
  email: RegExp;
  send: RegExp;
  go: RegExp;
  reveal: RegExp;
  topic: string;
  subject: string;
  message: string;
  submit: string;
  ticket: { subject: string; body: string };
}

const TOURS: TTour[] = [
  {
    suffix: "",
    email: /e-mail address you bought with/i,
    send: /send me a sign-in link/i,
    go: /continue to my orders/i,
    reveal: /^reveal/i,
    topic: "What is it about?",
    subject: "Subject",
    message: "Your message",
    submit: "Send to support",
    ticket: {
      subject: "Key not accepted after reinstalling",
      body: "After reinstalling Windows, PixelForge Studio says my licence key is not valid. Can you help?",
    },
  },
  {
    suffix: "-de",
    email: /E-Mail-Adresse, mit der Sie gekauft haben/,
    send: /Anmeldelink senden/,
    go: /Weiter zu meinen Bestellungen/,
    reveal: /^Anzeigen/,
    topic: "Worum geht es?",
    subject: "Betreff",
    message: "Ihre Nachricht",
    submit: "An den Support senden",
    ticket: {
      subject: "Schlüssel nach Neuinstallation abgelehnt",
      body: "Nach der Neuinstallation von Windows akzeptiert PixelForge Studio meinen Lizenzschlüssel nicht mehr.",
    },
  },
];

/**
 * The mail's HTML with its images (the vendor's logo, an absolute link to the portal) inlined as
 * data: URIs: a mail client loads them from the portal, but the portal serves them same-origin only
 * (Cross-Origin-Resource-Policy), and this page is about:blank.
 */
async function withInlineImages(html: string): Promise<string> {
  let out = html;
  for (const [, url] of html.matchAll(/<img[^>]+src="(https?:\/\/[^"]+)"/g)) {
    if (!url) continue;
    const response = await fetch(url);
    if (!response.ok) throw new Error(`image ${url} answered ${response.status}`);
    const type = response.headers.get("content-type") ?? "image/png";
    const data = Buffer.from(await response.arrayBuffer()).toString("base64");
    out = out.split(`"${url}"`).join(`"data:${type};base64,${data}"`);
  }
  return out;
}

/** A buyer's way through the portal in one language: look-up, the mail, orders, an order, a ticket. */
async function buyerTour(context: TTrackedContext, sink: TSmtpSink, tour: TTour) {
  const { page } = await context.newPage();
  const since = sink.messages.length;
  await page.goto("/lookup");
  await shot(page, `lookup${tour.suffix}`);
  await page.getByLabel(tour.email).fill(BUYER);
  await page.getByRole("button", { name: tour.send }).click();
  const mail = await sink.waitFor((m) => m.to.includes(BUYER) && sink.messages.indexOf(m) >= since, 30_000);
  const link = /https?:\/\/\S+\/lookup\/verify\?token=[\w%-]+/.exec(mail.text)?.[0];
  if (!link) throw new Error("no sign-in link in the mail");
  // The mail as a mail client shows it (HTML part, the vendor's logo loaded from the portal).
  const { page: reader } = await context.newPage();
  await reader.setViewportSize({ width: 720, height: 900 });
  await reader.setContent(await withInlineImages(mail.html), { waitUntil: "load" });
  await shot(reader, `mail-sign-in${tour.suffix}`);
  await reader.close();
  await page.goto(link);
  if (!tour.suffix) await shot(page, "sign-in-confirm");
  await page.getByRole("button", { name: tour.go }).click();
  await page.waitForURL(/\/orders$/);
  await shot(page, `orders${tour.suffix}`);
  await page.locator('a[href^="/orders/"]').first().click();
  await page.getByRole("button", { name: tour.reveal }).first().click();
  await shot(page, `order${tour.suffix}`);
  await page.goto("/support/new");
  await page.getByLabel(tour.topic).selectOption("license_key");
  await page.getByLabel(tour.subject).fill(tour.ticket.subject);
  await page.getByLabel(tour.message).fill(tour.ticket.body);
  if (!tour.suffix) await shot(page, "support-new");
  await page.getByRole("button", { name: tour.submit }).click();
  await page.waitForURL(/\/support\/KD-/);
  await shot(page, `ticket${tour.suffix}`);
  if (!tour.suffix) {
    await page.goto("/account");
    await shot(page, "account");
  }
  await page.close();
}

async function main() {
  const sink = await startSmtpSink();
  const server = await startAppServer({
    smtpUrl: sink.url,
    beforeStart: async (s) => {
      const demo = spawnSync(
        path.join(ROOT, "node_modules/.bin/tsx"),
        ["--conditions=react-server", "scripts/demo.ts"],
        {
          cwd: ROOT,
          env: { ...process.env, ...s.env },
          stdio: "inherit",
        },
      );
      if (demo.status !== 0) throw new Error("npm run demo failed");
      await runCliOk(s, ["agent:create", "--email", ADMIN.email, "--name", "Ada Admin", "--role", "admin"], {
        KEYDESK_AGENT_PASSWORD: ADMIN.password,
      });
      // A branded portal, as a vendor would set it up (README "Make it yours").
      await runCliOk(s, [
        "brand:set",
        "--name",
        "PixelForge",
        "--color",
        "#0f766e",
        "--logo",
        path.join(ROOT, "scripts/demo-data/brand-logo.png"),
        "--support-email",
        "help@pixelforge.example",
        "--privacy-url",
        "https://pixelforge.example/privacy",
        "--terms-url",
        "https://pixelforge.example/terms",
        "--company",
        "PixelForge Software Ltd, 1 Harbour Street, Bristol BS1 4AA, United Kingdom",
      ]);
      await runCliOk(s, ["store:add", "--provider", "paddle", "--name", "Paddle", "--secret", "pdl_ntfset_screenshot"]);
      await runCliOk(s, ["store:add", "--provider", "gumroad", "--name", "Gumroad"]);
    },
  });
  const browser = await launchBrowser();
  try {
    const desktop = await browser.newContext({ baseURL: server.url, viewport: { width: 1280, height: 800 } });
    const mobile = await browser.newContext({
      baseURL: server.url,
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
    });
    const page = (await desktop.newPage()).page;

    await page.goto("/");
    await shot(page, "home");
    const phone = (await mobile.newPage()).page;
    await phone.goto("/");
    await shot(phone, "home-mobile", false);

    for (const tour of TOURS) {
      const context = await browser.newContext({
        baseURL: server.url,
        viewport: { width: 1280, height: 800 },
        locale: tour.suffix ? "de-DE" : "en-GB",
      });
      await buyerTour(context, sink, tour);
      await context.close();
    }

    const console = (
      await (await browser.newContext({ baseURL: server.url, viewport: { width: 1280, height: 800 } })).newPage()
    ).page;
    await console.goto("/agent/login");
    await console.getByLabel("E-mail").fill(ADMIN.email);
    await console.getByLabel("Password").fill(ADMIN.password);
    await console.getByRole("button", { name: "Sign in", exact: true }).click();
    // The admin's first sign-in enrols an authenticator app (codes from the secret the page shows).
    await console.getByRole("heading", { level: 1, name: /two-step sign-in/i }).waitFor();
    await shot(console, "agent-second-factor");
    await passSecondFactor(console, ADMIN.email);
    await shot(console, "console");
    await console.goto("/agent/orders");
    await console.getByLabel("Order number, e-mail address or licence key").fill(BUYER);
    await console.getByRole("button", { name: "Search", exact: true }).click();
    await console.waitForURL(/\/agent\/orders\?s=/);
    await shot(console, "agent-orders");
    await console.goto("/agent/stores");
    await shot(console, "agent-stores");
    // Security with a passkey (Chromium's virtual authenticator stands in for the device).
    await addVirtualAuthenticator(console);
    await console.goto("/agent/security");
    await console.getByLabel("Name of the new passkey").fill("Work laptop");
    await console.getByRole("button", { name: "Add a passkey" }).click();
    await console.getByRole("row", { name: /Work laptop/ }).waitFor();
    await shot(console, "agent-security");
  } finally {
    await browser.close();
    await server.stop();
    await sink.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
