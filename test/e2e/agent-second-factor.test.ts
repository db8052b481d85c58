// The agents' second factor in Chromium against the real server: an admin's first sign-in enrols an
// authenticator app (codes computed with otplib from the secret the page shows), the password step
// alone opens nothing, later sign-ins need a fresh code or a recovery code, and "sign out
// everywhere" ends every session. `/api/auth/session` tells page scripts nothing secret.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCliOk, startAppServer, type TAppServer } from "../helpers/app-server";
import { expectCleanPage, launchBrowser, type TTestBrowser } from "../helpers/browser";
import { expectNoAxeViolations } from "../helpers/axe";
import { authenticatorOf, enrolFromPage, passSecondFactor, signInAgentInBrowser } from "../helpers/agent-sign-in";

const ADA = "ada.admin@example.com";
const PASSWORD = "correct horse battery staple";

let server: TAppServer;
let browser: TTestBrowser;

async function passwordStep(email: string) {
  const tab = await browser.newPage({ baseURL: server.url });
  await tab.page.goto("/agent/login");
  await tab.page.getByLabel("E-mail").fill(email);
  await tab.page.getByLabel("Password").fill(PASSWORD);
  await tab.page.getByRole("button", { name: "Sign in", exact: true }).click();
  await tab.page.waitForURL((url) => url.pathname === "/agent/second-factor");
  return tab;
}

beforeAll(async () => {
  server = await startAppServer({
    beforeStart: (s) =>
      runCliOk(s, ["agent:create", "--email", ADA, "--name", "Ada Admin", "--role", "admin"], {
        KEYDESK_AGENT_PASSWORD: PASSWORD,
      }),
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("agents' second factor", () => {
  it("makes an admin enrol at the first sign-in; until then the password opens nothing", async () => {
    const tab = await passwordStep(ADA);
    const { page } = tab;
    await page.getByRole("heading", { level: 1, name: "Set up two-step sign-in" }).waitFor();

    // The password step alone: console pages send back here, admin routes refuse, nothing leaks.
    await page.goto("/agent/orders");
    await page.waitForURL((url) => url.pathname === "/agent/second-factor");
    const exportResponse = await page.request.get("/agent/privacy/newsletter-export", { maxRedirects: 0 });
    expect(exportResponse.status()).toBeGreaterThanOrEqual(300);
    expect(await exportResponse.text()).not.toMatch(/@example\.com/);
    const session = (await (await page.request.get("/api/auth/session")).json()) as Record<string, unknown>;
    expect(Object.keys(session)).toEqual(["expires"]);

    // The set-up page: a QR code drawn here (a data: image), the secret as text, the otpauth link.
    const qr = page.getByRole("img", { name: "QR code for your authenticator app" });
    expect(await qr.getAttribute("src")).toMatch(/^data:image\/svg\+xml;base64,/);
    const secret = (await page.getByTestId("totp-secret").innerText()).trim();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const uri = await page.getByRole("link", { name: "open it in an app on this device" }).getAttribute("href");
    expect(uri).toMatch(/^otpauth:\/\/totp\//);
    expect(uri).toContain(`secret=${secret}`);
    await expectNoAxeViolations(page);

    // A wrong code is refused with a message at the field.
    await page.getByLabel("Code from your app").fill("12345");
    await page.getByRole("button", { name: "Turn on two-step sign-in" }).click();
    await page.getByText("Enter the 6-digit code your app shows").waitFor();

    const codes = await enrolFromPage(page, ADA);
    expect(codes).toHaveLength(10);
    await expectNoAxeViolations(page);
    await page.getByRole("button", { name: "Continue to the console" }).click();
    await page.waitForURL(`${server.url}/agent`);
    await page.getByRole("heading", { name: "Hello, Ada Admin" }).waitFor();
    // Signed in: still nothing secret for page scripts.
    const after = (await (await page.request.get("/api/auth/session")).json()) as Record<string, unknown>;
    expect(Object.keys(after)).toEqual(["expires"]);
    expectCleanPage(tab);
    await tab.context.close();
  });

  it("asks for a code at every later sign-in and refuses a code already used", async () => {
    const app = authenticatorOf(ADA);
    if (!app) throw new Error("Ada has not enrolled");
    const tab = await passwordStep(ADA);
    const { page } = tab;
    await page.getByRole("heading", { level: 1, name: "Two-step sign-in" }).waitFor();
    await expectNoAxeViolations(page);
    // The code of the enrolment, replayed within its window.
    const { generate } = await import("otplib");
    await page
      .getByLabel("Code", { exact: true })
      .fill(await generate({ secret: app.secret, epoch: app.lastStep * 30 }));
    await page.getByRole("button", { name: "Verify" }).click();
    await page
      .getByRole("alert")
      .getByText(/not right, or it was already used/)
      .waitFor();
    await page.goto("/agent");
    await page.waitForURL((url) => url.pathname === "/agent/second-factor");

    await passSecondFactor(page, ADA);
    await page.getByRole("heading", { name: "Hello, Ada Admin" }).waitFor();
    expectCleanPage(tab);
    await tab.context.close();
  });

  it("signs in once with each recovery code", async () => {
    const code = authenticatorOf(ADA)?.recoveryCodes[0];
    if (!code) throw new Error("no recovery code");
    const first = await passwordStep(ADA);
    await first.page.getByLabel("Code", { exact: true }).fill(code);
    await first.page.getByRole("button", { name: "Verify" }).click();
    await first.page.waitForURL(`${server.url}/agent`);
    await first.context.close();

    const second = await passwordStep(ADA);
    await second.page.getByLabel("Code", { exact: true }).fill(code);
    await second.page.getByRole("button", { name: "Verify" }).click();
    await second.page
      .getByRole("alert")
      .getByText(/not right, or it was already used/)
      .waitFor();
    await second.context.close();
  });

  it("signs an agent out everywhere from the security page", async () => {
    const laptop = await browser.newPage({ baseURL: server.url });
    await signInAgentInBrowser(laptop.page, ADA, PASSWORD);
    const phone = await browser.newPage({ baseURL: server.url });
    await signInAgentInBrowser(phone.page, ADA, PASSWORD);

    await laptop.page.goto("/agent/security");
    await laptop.page.getByRole("heading", { level: 1, name: "Security" }).waitFor();
    await laptop.page.getByText("On since").waitFor();
    await expectNoAxeViolations(laptop.page);
    await laptop.page.getByRole("button", { name: "Sign out everywhere" }).click();
    await laptop.page.waitForURL(/\/agent\/login/);

    await phone.page.goto("/agent");
    await phone.page.waitForURL(/\/agent\/login/);
    expectCleanPage(laptop);
    await laptop.context.close();
    await phone.context.close();
  });
});
