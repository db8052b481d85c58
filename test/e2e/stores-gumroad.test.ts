// A vendor on Gumroad connects the store in the console: the URL shown carries the store's token,
// a real Gumroad ping to it becomes an order in the store's log, a ping without the token is
// refused, and "Make a new URL" replaces the token on the page.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectCleanPage } from "../helpers/browser";
import { expectNoAxeViolations } from "../helpers/axe";
import { startAppWithAdmin, type TAppWithAdmin } from "../helpers/app-with-admin";

const ADMIN = "gumroad.admin@example.com";

let app: TAppWithAdmin;

beforeAll(async () => {
  app = await startAppWithAdmin({ email: ADMIN, name: "Gus Admin" });
});

afterAll(async () => {
  await app?.stop();
});

describe("Gumroad store in the console", () => {
  it("shows a URL with its token, takes a sale pinged to it, refuses one without, and makes a new URL", async () => {
    // Admins enrol a second factor at their first sign-in (through the real pages).
    const admin = await app.adminPage();

    await admin.page.goto("/agent/stores");
    await admin.page.getByLabel("Provider").selectOption("gumroad");
    await admin.page.getByLabel("Name", { exact: true }).fill("gumroad-shop");
    await admin.page.getByRole("button", { name: "Add store" }).click();
    await admin.page.getByText("Added gumroad-shop.").waitFor();
    const url = (await admin.page.locator("form code").first().textContent()) ?? "";
    expect(url).toMatch(new RegExp(`^${app.server.url}/api/v1/stores/[\\w-]+/webhook\\?token=[\\w-]{43}$`));
    await admin.page
      .getByText(/Gumroad → Settings → Advanced → Ping/)
      .first()
      .waitFor();
    await admin.page.getByText(/keep the URL private/).waitFor();
    await expectNoAxeViolations(admin.page);

    const body = fs.readFileSync(path.resolve(import.meta.dirname, "../fixtures/stores/gumroad/sale.txt"), "utf8");
    const headers = { "content-type": "application/x-www-form-urlencoded" };
    expect((await fetch(url, { method: "POST", headers, body })).status).toBe(200);
    expect((await fetch(url.replace(/\?token=.*$/, ""), { method: "POST", headers, body })).status).toBe(401);

    await admin.page.reload();
    await admin.page.getByRole("button", { name: "Make a new URL for gumroad-shop" }).click();
    await expect
      .poll(async () => (await admin.page.locator(".card code").first().textContent()) ?? "", { timeout: 15_000 })
      .not.toBe(url);

    await admin.page.getByRole("link", { name: "Received events" }).click();
    await admin.page.getByText("sale:FgC3bA9xQ2Lm7pT0vK1yZw==").waitFor();
    await admin.page.getByText("applied").waitFor();
    await admin.page.getByText(/Refused signatures: 1/).waitFor();
    expectCleanPage(admin);
    await admin.context.close();
  });
});
