// npm run screenshots — regenerates docs/screenshots/*.png from the real UI: starts the production
// build with the demo data, a real SMTP sink and an admin, then walks the buyer and agent screens in
// headless Chromium. Used for the README; run it after changing a screen.
import path from "node:path";
import { spawnSync } from "node:child_process";
import type { Page } from "playwright-core";
import { runCliOk, startAppServer } from "../test/helpers/app-server";
import { launchBrowser } from "../test/helpers/browser";
import { passSecondFactor } from "../test/helpers/agent-sign-in";
import { startSmtpSink } from "../test/helpers/smtp-sink";
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

    await page.goto("/lookup");
    await shot(page, "lookup");
    await page.getByLabel(/e-mail address you bought with/i).fill(BUYER);
    await page.getByRole("button", { name: /send me a sign-in link/i }).click();
    const mail = await sink.waitFor((m) => m.to.includes(BUYER), 30_000);
    const link = /https?:\/\/\S+\/lookup\/verify\?token=[\w%-]+/.exec(mail.text)?.[0];
    if (!link) throw new Error("no sign-in link in the mail");
    await page.goto(link);
    await shot(page, "sign-in-confirm");
    await page.getByRole("button", { name: /continue to my orders/i }).click();
    await page.waitForURL(/\/orders$/);
    await shot(page, "orders");
    await page.locator('a[href^="/orders/"]').first().click();
    await page
      .getByRole("button", { name: /reveal/i })
      .first()
      .click();
    await shot(page, "order");

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
