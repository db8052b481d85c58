// The operator's path through the foundation: first-run admin setup from the link `npm start`
// prints, sign-in, a signed webhook order found by its number, refused webhooks that change nothing,
// sign-out that really ends the session, and admin-only pages hidden from agents.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCliOk, startAppServer, TEST_WEBHOOK_SECRET, type TAppServer } from "../helpers/app-server";
import { expectCleanPage, launchBrowser, type TTestBrowser } from "../helpers/browser";
import { expectNoAxeViolations } from "../helpers/axe";
import { passSecondFactor } from "../helpers/agent-sign-in";
import { signPayload } from "@/lib/crypto/webhook-signature";

const PASSWORD = "correct horse battery staple";
let server: TAppServer;
let browser: TTestBrowser;

function orderBody(number: string, overrides: Record<string, unknown> = {}) {
  return JSON.stringify({
    source: "digitalriver",
    externalId: `DR-${number}`,
    number,
    placedAt: "2026-11-01T10:00:00Z",
    status: "paid",
    currency: "EUR",
    customer: { email: `buyer-${number}@example.com`, name: "Bea Buyer" },
    items: [
      {
        sku: "PFS-1",
        name: "PixelForge Studio",
        quantity: 1,
        unitAmount: 4900,
        licenseKeys: ["12345-12345-12345-12345"],
      },
    ],
    ...overrides,
  });
}

function postOrder(body: string, signature: string | null) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (signature) headers["keydesk-signature"] = signature;
  return fetch(`${server.url}/api/v1/orders`, { method: "POST", headers, body });
}

async function signInAs(email: string, password: string) {
  const tab = await browser.newPage({ baseURL: server.url });
  await tab.page.goto("/agent/login");
  await tab.page.getByLabel("E-mail").fill(email);
  await tab.page.getByLabel("Password").fill(password);
  await tab.page.getByRole("button", { name: "Sign in", exact: true }).click();
  return tab;
}

beforeAll(async () => {
  server = await startAppServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("agent console", () => {
  it("creates the first admin from the one-time setup link printed at start", async () => {
    const [, link = ""] = await server.waitForOutput(/create one at (\S+)/);
    const tab = await browser.newPage();
    await tab.page.goto(link);
    await expectNoAxeViolations(tab.page);
    await tab.page.getByLabel("Your name").fill("Ada Admin");
    await tab.page.getByLabel("E-mail").fill("ada@example.com");
    await tab.page.getByLabel("Password").fill(PASSWORD);
    await tab.page.getByRole("button", { name: /create admin/i }).click();
    await tab.page.waitForURL(/\/agent\/login/);
    // The link is single-use.
    await tab.page.goto(link);
    await tab.page.getByText(/expired or was already used/).waitFor();
    expectCleanPage(tab);
    await tab.context.close();
  });

  it("gives one generic error for a wrong password, then signs in", async () => {
    const tab = await signInAs("ada@example.com", "not the password");
    await tab.page.getByRole("alert").getByText("The e-mail address or password is incorrect.").waitFor();
    await expectNoAxeViolations(tab.page);
    await tab.page.getByLabel("Password").fill(PASSWORD);
    await tab.page.getByRole("button", { name: "Sign in", exact: true }).click();
    await passSecondFactor(tab.page, "ada@example.com");
    await tab.page.getByRole("heading", { name: "Hello, Ada Admin" }).waitFor();
    await expectNoAxeViolations(tab.page);
    const cookies = await tab.context.cookies();
    const session = cookies.find((c) => c.name.endsWith("session-token"));
    expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax" });
    expectCleanPage(tab);
    await tab.context.close();
  });

  it("finds a signed webhook order by its number; refuses tampered, stale and malformed ones", async () => {
    const body = orderBody("700001");
    expect((await postOrder(body, signPayload(TEST_WEBHOOK_SECRET, body))).status).toBe(201);
    expect((await postOrder(body, signPayload(TEST_WEBHOOK_SECRET, body))).status).toBe(200);

    const tampered = orderBody("700002");
    const forged = await postOrder(tampered, signPayload(TEST_WEBHOOK_SECRET, orderBody("700003")));
    expect(forged.status).toBe(401);
    const stale = orderBody("700004");
    expect(
      (await postOrder(stale, signPayload(TEST_WEBHOOK_SECRET, stale, Math.floor(Date.now() / 1000) - 301))).status,
    ).toBe(401);
    expect((await postOrder(stale, null)).status).toBe(401);
    const malformed = JSON.stringify({ source: "digitalriver", externalId: "DR-700005", number: "700005", items: [] });
    const bad = await postOrder(malformed, signPayload(TEST_WEBHOOK_SECRET, malformed));
    expect(bad.status).toBe(400);
    const error = (await bad.json()) as { error: { fields: Record<string, string[]> } };
    expect(Object.keys(error.error.fields)).toEqual(
      expect.arrayContaining(["placedAt", "currency", "customer", "items"]),
    );

    const tab = await signInAs("ada@example.com", PASSWORD);
    await passSecondFactor(tab.page, "ada@example.com");
    await tab.page.getByLabel(/order number, e-mail address or licence key/i).fill("700001");
    await tab.page.getByRole("button", { name: "Search" }).click();
    await tab.page.getByRole("link", { name: "700001" }).click();
    await tab.page.getByRole("heading", { name: "Order 700001" }).waitFor();
    await tab.page.getByText("buyer-700001@example.com").waitFor();
    await tab.page.getByText("•••••-•••••-•••••-12345").waitFor(); // keys masked for agents
    await expectNoAxeViolations(tab.page);

    for (const refused of ["700002", "700004", "700005"]) {
      await tab.page.goto("/agent/orders");
      await tab.page.getByLabel(/order number, e-mail address or licence key/i).fill(refused);
      await tab.page.getByRole("button", { name: "Search" }).click();
      await tab.page.getByRole("heading", { name: "No orders found" }).waitFor();
      // Searches are posted: the text searched for is not in the URL.
      expect(tab.page.url()).not.toContain(refused);
    }
    await tab.page.getByLabel(/order number, e-mail address or licence key/i).fill("buyer-700001@example.com");
    await tab.page.getByRole("button", { name: "Search" }).click();
    await tab.page.getByRole("link", { name: "700001" }).waitFor();
    expect(tab.page.url()).not.toContain("buyer-700001");
    // Reloading the results page keeps them (the sealed search is in the URL, not the address).
    await tab.page.reload();
    await tab.page.getByRole("link", { name: "700001" }).waitFor();
    expectCleanPage(tab);
    await tab.context.close();
  });

  it("ends the session on sign-out: the old cookie no longer works", async () => {
    const tab = await signInAs("ada@example.com", PASSWORD);
    await passSecondFactor(tab.page, "ada@example.com");
    const cookies = await tab.context.cookies();
    await tab.page.getByRole("button", { name: "Sign out" }).first().click();
    await tab.page.waitForURL(/\/agent\/login/);

    const replay = await browser.newContext({ baseURL: server.url });
    await replay.context.addCookies(cookies);
    const page = await replay.newPage();
    await page.page.goto("/agent");
    expect(page.page.url()).toMatch(/\/agent\/login/);
    await replay.close();
    await tab.context.close();
  });

  it("hides admin pages from agents and shows the dev mailbox to admins", async () => {
    await runCliOk(server, ["agent:create", "--email", "sam@example.com", "--name", "Sam Agent", "--role", "agent"], {
      KEYDESK_AGENT_PASSWORD: PASSWORD,
    });
    const agent = await signInAs("sam@example.com", PASSWORD);
    await passSecondFactor(agent.page, "sam@example.com");
    for (const path of ["/agent/mailbox", "/agent/outbox", "/agent/agents"]) {
      const response = await agent.page.goto(path);
      expect(response?.status()).toBe(404);
    }
    await agent.context.close();

    // A buyer look-up with SMTP_URL unset lands in the dev mailbox, readable by admins.
    await fetch(`${server.url}/api/v1/lookup`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "buyer-700001@example.com" }),
    });
    const admin = await signInAs("ada@example.com", PASSWORD);
    await passSecondFactor(admin.page, "ada@example.com");
    await expect
      .poll(
        async () => {
          await admin.page.goto("/agent/mailbox");
          return admin.page.getByRole("link", { name: "Your sign-in link" }).count();
        },
        { timeout: 20_000, interval: 1000 },
      )
      .toBe(1);
    // Every console page says that mail stays here while SMTP_URL is unset.
    await admin.page.getByText("Dev mailbox on").waitFor();
    await admin.page.getByText(/SMTP_URL is not set, so no mail leaves this server/).waitFor();
    await expectNoAxeViolations(admin.page);
    await admin.page.getByRole("link", { name: "Your sign-in link" }).click();
    await admin.page.getByRole("link", { name: /\/lookup\/verify\?token=/ }).waitFor();
    await expectNoAxeViolations(admin.page);
    await admin.context.close();
  });

  it("does not let a client pick its own IP to dodge rate limits", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const response = await fetch(`${server.url}/api/v1/lookup`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-for": `203.0.113.${i}` },
        body: JSON.stringify({ email: `spoof${i}@example.com` }),
      });
      statuses.push(response.status);
    }
    // 10 look-ups per IP per 15 minutes (one was used by the previous test): the forged header is ignored.
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(2);
    expect(statuses.slice(0, 9).every((s) => s === 202)).toBe(true);
  });
});
