// The portal starts like `npm start`, its home and not-found pages render, are accessible and run
// without console errors or CSP violations, and the health check reports the database.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppServer, type TAppServer } from "../helpers/app-server";
import { expectCleanPage, launchBrowser, type TTestBrowser } from "../helpers/browser";
import { expectNoAxeViolations } from "../helpers/axe";

let server: TAppServer;
let browser: TTestBrowser;

beforeAll(async () => {
  server = await startAppServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("smoke", () => {
  it("serves the home page with its main actions, accessible and without console errors or CSP violations", async () => {
    const tab = await browser.newPage({ baseURL: server.url });
    const response = await tab.page.goto("/");
    expect(response?.status()).toBe(200);
    // Before a vendor sets its brand, the portal calls itself by the neutral default name.
    await expect(tab.page.title()).resolves.toBe("Customer Support");
    await tab.page.getByRole("heading", { level: 1 }).first().waitFor();

    const action = (name: RegExp) =>
      tab.page.getByRole("link", { name }).or(tab.page.getByRole("button", { name })).first();
    await action(/find my orders/i).waitFor();
    await action(/contact support/i).waitFor();

    await expectNoAxeViolations(tab.page);
    expectCleanPage(tab);
    await tab.context.close();
  });

  it("answers an unknown page with the app's not-found page (404), accessible", async () => {
    const tab = await browser.newPage({ baseURL: server.url });
    const response = await tab.page.goto("/no-such-page-e2e");
    expect(response?.status()).toBe(404);
    await tab.page.getByRole("heading", { level: 1 }).first().waitFor();
    // The app's own page (not Next.js's bare default): it leads the visitor back home.
    await expect(tab.page.locator('a[href="/"]').count()).resolves.toBeGreaterThan(0);
    await expectNoAxeViolations(tab.page);
    // The browser logs the 404 status itself; nothing else may fail on the page.
    expect(tab.consoleErrors.filter((message) => !/status of 404/.test(message))).toEqual([]);
    expect(tab.pageErrors).toEqual([]);
    expect(tab.cspViolations).toEqual([]);
    await tab.context.close();
  });

  it("reports the database as healthy on GET /api/health", async () => {
    const response = await fetch(`${server.url}/api/health`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/application\/json/);
    expect(await response.json()).toEqual({ status: "ok", database: "ok" });
  });
});
