// The audit log in Chromium: an admin opens /agent/audit from the console nav, filters it by agent
// and action, sees who signed in from where, exports the rows as CSV; a plain agent gets nothing.
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCliOk, startAppServer, type TAppServer } from "../helpers/app-server";
import { expectCleanPage, launchBrowser, type TTestBrowser } from "../helpers/browser";
import { expectNoAxeViolations } from "../helpers/axe";
import { signInAgentInBrowser } from "../helpers/agent-sign-in";

const ADA = "ada.audit@example.com";
const BOB = "bob.audit@example.com";
const PASSWORD = "correct horse battery staple";

let server: TAppServer;
let browser: TTestBrowser;

beforeAll(async () => {
  server = await startAppServer({
    beforeStart: async (s) => {
      await runCliOk(s, ["agent:create", "--email", ADA, "--name", "Ada Admin", "--role", "admin"], {
        KEYDESK_AGENT_PASSWORD: PASSWORD,
      });
      await runCliOk(s, ["agent:create", "--email", BOB, "--name", "Bob Agent", "--role", "agent"], {
        KEYDESK_AGENT_PASSWORD: PASSWORD,
      });
    },
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("audit log", () => {
  it("is closed to a plain agent", async () => {
    const tab = await browser.newPage({ baseURL: server.url });
    await signInAgentInBrowser(tab.page, BOB, PASSWORD);
    await expect(tab.page.getByRole("link", { name: "Audit log" }).count()).resolves.toBe(0);
    const response = await tab.page.goto("/agent/audit");
    expect(response?.status()).toBe(404);
    await tab.context.close();
  });

  it("lets an admin filter it, read who did what from where, and export it", async () => {
    const tab = await browser.newPage({ baseURL: server.url });
    const { page } = tab;
    await signInAgentInBrowser(page, ADA, PASSWORD);
    await page.getByRole("link", { name: "Audit log" }).click();
    await page.getByRole("heading", { level: 1, name: "Audit log" }).waitFor();
    await expectNoAxeViolations(page);

    await page.getByLabel("Agent").selectOption({ label: "Bob Agent" });
    await page.getByLabel("Action").fill("agent.sign_in");
    await page.getByRole("button", { name: "Filter" }).click();
    await page.waitForURL((url) => url.searchParams.get("action") === "agent.sign_in");
    expect(page.url()).not.toContain("%40");
    const table = page.getByRole("table", { name: "Audit events, newest first" });
    await table.waitFor();
    const rows = table.locator("tbody tr");
    expect(await rows.count()).toBe(1);
    await expect(rows.first().innerText()).resolves.toMatch(/Bob Agent[\s\S]*agent\.sign_in[\s\S]*(127\.0\.0\.1|::1)/);
    await expectNoAxeViolations(page);

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Export these events (CSV)" }).click(),
    ]);
    const csv = fs.readFileSync(await download.path(), "utf8");
    expect(csv.split("\r\n")[0]).toContain('"action"');
    expect(csv).toContain('"agent.sign_in"');
    expect(csv).toContain('"Bob Agent"');

    // Reading and exporting the log were recorded.
    await page.goto("/agent/audit?action=audit_log.");
    const own = page.getByRole("table", { name: "Audit events, newest first" });
    await own.getByText("audit_log.exported").first().waitFor();
    await own.getByText("audit_log.viewed").first().waitFor();
    expectCleanPage(tab);
    await tab.context.close();
  });
});
