// Agents' passkeys in Chromium against the real server, with Chromium's virtual authenticator
// (CDP): an admin adds a passkey at /agent/security, signs out, signs in with the passkey alone,
// and later uses it as the second factor after the password.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCliOk, startAppServer, type TAppServer } from "../helpers/app-server";
import { expectCleanPage, launchBrowser, type TTestBrowser } from "../helpers/browser";
import { expectNoAxeViolations } from "../helpers/axe";
import { signInAgentInBrowser } from "../helpers/agent-sign-in";
import { addVirtualAuthenticator } from "../helpers/virtual-authenticator";

const ADA = "ada.passkey@example.com";
const PASSWORD = "correct horse battery staple";

let server: TAppServer;
let browser: TTestBrowser;

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

describe("agents' passkeys", () => {
  it("adds a passkey, signs in with it alone, and uses it as the second factor", async () => {
    const tab = await browser.newPage({ baseURL: server.url });
    const { page } = tab;
    const authenticator = await addVirtualAuthenticator(page);
    await signInAgentInBrowser(page, ADA, PASSWORD);

    // Add a passkey: a name is required, then the browser creates it.
    await page.goto("/agent/security");
    await page.getByText("You have no passkeys yet.").waitFor();
    await page.getByRole("button", { name: "Add a passkey" }).click();
    await page.getByText("Give the passkey a name").waitFor();
    await page.getByLabel("Name of the new passkey").fill("Test laptop");
    await page.getByRole("button", { name: "Add a passkey" }).click();
    await page.getByText("Passkey added. You can now sign in with it.").waitFor();
    const row = page.getByRole("row", { name: /Test laptop/ });
    await row.waitFor();
    expect(await row.innerText()).toContain("Never");
    expect(await authenticator.credentialCount()).toBe(1);
    await expectNoAxeViolations(page);

    // Passwordless: sign out, then the passkey alone opens the console.
    await page.getByRole("button", { name: "Sign out", exact: true }).click();
    await page.waitForURL((url) => url.pathname === "/agent/login");
    // The login page also offers the passkey in the e-mail field's suggestions (conditional UI), and
    // Chromium's virtual authenticator answers that request by itself — so the console may open
    // before the button is clicked. Either way the passkey alone signed in.
    const signedIn = page.waitForURL((url) => url.pathname === "/agent");
    await Promise.race([
      signedIn,
      page
        .getByRole("button", { name: "Sign in with a passkey" })
        .click()
        .catch(() => undefined),
    ]);
    await signedIn;
    await page.getByRole("button", { name: "Sign out", exact: true }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/agent");
    await page.goto("/agent/security");
    expect(await page.getByRole("row", { name: /Test laptop/ }).innerText()).not.toContain("Never");

    // As the second factor: the password step, then "Use a passkey" instead of a code. The passkey
    // is hidden while the password is typed, or the login page's autofill request would use it.
    const restoreCredentials = await authenticator.hideCredentials();
    await page.getByRole("button", { name: "Sign out", exact: true }).click();
    await page.waitForURL((url) => url.pathname === "/agent/login");
    await page.getByLabel("E-mail").fill(ADA);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.waitForURL((url) => url.pathname === "/agent/second-factor");
    await restoreCredentials();
    await page.getByText("Use one of your passkeys, or enter the code from your authenticator app").waitFor();
    await expectNoAxeViolations(page);
    await page.getByRole("button", { name: "Use a passkey" }).click();
    await page.getByRole("button", { name: "Sign out", exact: true }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/agent");

    // Removing it: an admin with an authenticator app may remove their only passkey.
    await page.goto("/agent/security");
    await page.getByRole("button", { name: "Remove the passkey Test laptop" }).click();
    await page.getByText("You have no passkeys yet.").waitFor();
    expectCleanPage(tab);
  });
});
