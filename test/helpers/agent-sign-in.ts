// Signs agents in through the real console forms, second factor included: at an agent's first
// sign-in the helper enrols an authenticator app from the secret the page shows (and remembers it,
// like a phone would); later it types the app's current code. Codes come from otplib, as an app's.
//
//   await signInAgentInBrowser(page, "ada@example.com", PASSWORD);   // lands on /agent
//   await passSecondFactor(page, "ada@example.com");                  // after a password step of its own
import type { Page } from "playwright-core";
import { generate } from "otplib";

const STEP_SECONDS = 30;

/** What this test file's "phone" holds: each agent's secret and recovery codes, by e-mail. */
const apps = new Map<string, { secret: string; recoveryCodes: string[]; lastStep: number }>();

/** The secret and recovery codes the helper enrolled for an agent (undefined before their first sign-in). */
export function authenticatorOf(email: string) {
  return apps.get(email.toLowerCase());
}

const currentStep = () => Math.floor(Date.now() / 1000 / STEP_SECONDS);

/**
 * The app's code for a time step the server has not seen from this agent yet (a code is single-use):
 * the current step, or the next one (the server accepts one step of drift), or it waits.
 */
export async function nextCode(secret: string, lastStep: number): Promise<{ code: string; step: number }> {
  let step = Math.max(currentStep(), lastStep + 1);
  while (step > currentStep() + 1) await new Promise((resolve) => setTimeout(resolve, 1000));
  step = Math.max(step, currentStep());
  return { code: await generate({ secret, epoch: step * STEP_SECONDS }), step };
}

/** Enrols the app shown on the set-up page (`/agent/second-factor` or the security page); returns the recovery codes. */
export async function enrolFromPage(page: Page, email: string): Promise<string[]> {
  const secret = (await page.getByTestId("totp-secret").innerText()).trim();
  const { code, step } = await nextCode(secret, -1);
  await page.getByLabel("Code from your app").fill(code);
  await page.getByRole("button", { name: "Turn on two-step sign-in" }).click();
  const list = page.getByRole("list", { name: "Recovery codes" });
  await list.waitFor();
  const recoveryCodes = (await list.getByRole("listitem").allInnerTexts()).map((c) => c.trim());
  apps.set(email.toLowerCase(), { secret, recoveryCodes, lastStep: step });
  return recoveryCodes;
}

/** After a correct password: enrols or gives the current code, whichever the page asks, and waits for the console. */
export async function passSecondFactor(page: Page, email: string): Promise<void> {
  // The sign-in passes through /agent on its way to the second-factor page: wait for a page that
  // stays — the console (its sign-out button) or the second-factor step — not for a URL.
  const secondFactorHeading = page.getByRole("heading", { level: 1, name: /two-step sign-in/i });
  await page.getByRole("button", { name: "Sign out", exact: true }).or(secondFactorHeading).first().waitFor();
  if (!(await secondFactorHeading.isVisible())) return;
  const heading = page.getByRole("heading", { level: 1 });
  if ((await heading.innerText()).startsWith("Set up")) {
    await enrolFromPage(page, email);
    await page.getByRole("button", { name: "Continue to the console" }).click();
  } else {
    const app = apps.get(email.toLowerCase());
    if (!app) throw new Error(`no authenticator enrolled for ${email} in this test file`);
    const { code, step } = await nextCode(app.secret, app.lastStep);
    app.lastStep = step;
    await page.getByLabel("Code", { exact: true }).fill(code);
    await page.getByRole("button", { name: "Verify" }).click();
  }
  await page.getByRole("button", { name: "Sign out", exact: true }).waitFor();
}

/** The whole sign-in through the real forms (the page's context needs a `baseURL`). */
export async function signInAgentInBrowser(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/agent/login");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await passSecondFactor(page, email);
}
