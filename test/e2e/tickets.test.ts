// A support conversation end to end, with real mail: a guest opens a ticket (with a card number
// pasted in) → confirms it from the mailed link → an agent sees it with the buyer's order beside it,
// adds an internal note and replies → the buyer reads the reply through the mailed link → replies →
// the agent solves it. No captured mail ever contains the conversation.
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCliOk, startAppServer, TEST_WEBHOOK_SECRET, type TAppServer } from "../helpers/app-server";
import { expectCleanPage, launchBrowser, type TTestBrowser, type TTrackedPage } from "../helpers/browser";
import { expectNoAxeViolations } from "../helpers/axe";
import { passSecondFactor } from "../helpers/agent-sign-in";
import { startSmtpSink, type TSmtpSink } from "../helpers/smtp-sink";
import { signPayload } from "@/lib/crypto/webhook-signature";

const PASSWORD = "correct horse battery staple";
const GUEST = "grace.guest@example.com";
const MESSAGE = "My licence key stopped working after reinstalling. I paid with 4111 1111 1111 1111 if that helps.";
const NOTE = "Internal: checked the activation server, key is fine";
const REPLY = "Please deactivate the old installation first, then enter the key again.";
const BUYER_REPLY = "That worked, thank you very much!";
const SHOTS = path.join(os.tmpdir(), "keydesk-e2e-shots");

let server: TAppServer;
let browser: TTestBrowser;
let sink: TSmtpSink;
let ref = "";

async function signInAgent(email: string): Promise<TTrackedPage> {
  const tab = await browser.newPage({ baseURL: server.url });
  await tab.page.goto("/agent/login");
  await tab.page.getByLabel("E-mail").fill(email);
  await tab.page.getByLabel("Password").fill(PASSWORD);
  await tab.page.getByRole("button", { name: "Sign in", exact: true }).click();
  await passSecondFactor(tab.page, email);
  return tab;
}

/** The single-use ticket link in the newest mail to the guest whose subject matches. */
async function mailedLink(subject: RegExp): Promise<string> {
  const mail = await sink.waitFor((m) => m.to.includes(GUEST) && subject.test(m.subject), 20_000);
  const link = /(http:\/\/localhost:\d+\/support\/access\?token=[\w%-]+)/.exec(mail.text)?.[1];
  if (!link) throw new Error(`no link in ${mail.subject}`);
  return link;
}

beforeAll(async () => {
  sink = await startSmtpSink();
  server = await startAppServer({
    smtpUrl: sink.url,
    beforeStart: async (s) => {
      for (const [email, name] of [
        ["alex@vendor.example", "Alex Agent"],
        ["sam@vendor.example", "Sam Support"],
      ] as const) {
        await runCliOk(s, ["agent:create", "--email", email, "--name", name, "--role", "admin"], {
          KEYDESK_AGENT_PASSWORD: PASSWORD,
        });
      }
    },
  });
  browser = await launchBrowser();
  const body = JSON.stringify({
    source: "digitalriver",
    externalId: "DR-700100",
    number: "700100",
    placedAt: "2026-11-01T10:00:00Z",
    status: "paid",
    currency: "EUR",
    customer: { email: GUEST, name: "Grace Guest" },
    items: [
      {
        sku: "PFS-1",
        name: "PixelForge Studio",
        quantity: 1,
        unitAmount: 4900,
        licenseKeys: ["11111-22222-33333-44444"],
      },
    ],
  });
  const response = await fetch(`${server.url}/api/v1/orders`, {
    method: "POST",
    headers: { "content-type": "application/json", "keydesk-signature": signPayload(TEST_WEBHOOK_SECRET, body) },
    body,
  });
  expect(response.status).toBe(201);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await sink?.stop();
});

describe("support tickets", () => {
  it("a guest opens a ticket; the card number is removed and the guest is told why", async () => {
    const tab = await browser.newPage({ baseURL: server.url });
    await tab.page.goto("/support/new");
    await expectNoAxeViolations(tab.page);
    await tab.page.getByLabel("Your e-mail address").fill(GUEST);
    await tab.page.getByLabel("Your name").fill("Grace Guest");
    await tab.page.getByLabel("What is it about?").selectOption("license_key");
    await tab.page.getByLabel("Order number").fill("700100");
    await tab.page.getByLabel("Subject").fill("Key refused after reinstall");
    await tab.page.getByLabel("Your message").fill(MESSAGE);
    await tab.page.getByText("Spam check: ready").waitFor({ timeout: 30_000 });
    await tab.page.setViewportSize({ width: 1280, height: 1100 });
    await tab.page.evaluate(() => window.scrollTo(0, 0));
    await tab.page.screenshot({ path: path.join(SHOTS, "support-new.png"), fullPage: true });
    await tab.page.getByRole("button", { name: "Send to support" }).click();
    const saved = tab.page.getByText(/Your request KD-[2-9A-HJ-NP-Z]{6} is saved/);
    await saved.waitFor();
    ref = /KD-[2-9A-HJ-NP-Z]{6}/.exec((await saved.textContent()) ?? "")?.[0] ?? "";
    await tab.page.getByText("We removed a card number").waitFor();
    await expectNoAxeViolations(tab.page);
    expectCleanPage(tab);
    await tab.context.close();
  });

  it("the guest confirms from the mail, which holds the reference and a link only", async () => {
    const link = await mailedLink(new RegExp(`Confirm your support request ${ref}`));
    const tab = await browser.newPage({ baseURL: server.url });
    await tab.page.goto(link);
    await expectNoAxeViolations(tab.page);
    await tab.page.getByRole("button", { name: "Confirm and open my request" }).click();
    await tab.page.waitForURL(`${server.url}/support/${ref}`);
    await tab.page
      .getByText("My licence key stopped working after reinstalling. I paid with [card ending 1111] if that helps.")
      .waitFor();
    await expectNoAxeViolations(tab.page);
    expect(await tab.page.content()).not.toContain("4111 1111");
    expectCleanPage(tab);
    await tab.context.close();
  });

  it("an agent finds it with the order beside it, writes an internal note and replies; another agent is warned", async () => {
    const tab = await signInAgent("alex@vendor.example");
    await tab.page.goto("/agent/tickets");
    await expectNoAxeViolations(tab.page);
    await tab.page.getByRole("link", { name: "Key refused after reinstall" }).click();
    await tab.page.waitForURL(`${server.url}/agent/tickets/${ref}`);
    await tab.page.getByRole("link", { name: "Order 700100" }).waitFor();
    await tab.page.getByText("keys: 1 active").waitFor();
    await expectNoAxeViolations(tab.page);

    // A second agent opens the same ticket: the first one sees a warning within a poll or two.
    const other = await signInAgent("sam@vendor.example");
    await other.page.goto(`/agent/tickets/${ref}`);
    await other.page.getByText("Someone else has this ticket open").waitFor();
    await tab.page.getByText(/Sam Support is viewing it right now/).waitFor({ timeout: 25_000 });
    await other.context.close();

    await tab.page.getByLabel("Internal note").check();
    await tab.page.getByRole("textbox", { name: "Internal note" }).fill(NOTE);
    await expectNoAxeViolations(tab.page);
    await tab.page.getByRole("button", { name: "Add internal note" }).click();
    await tab.page.getByText("Internal note added.").waitFor();
    await tab.page.getByText(NOTE).waitFor();

    await tab.page.getByLabel("Public reply").check();
    await tab.page.getByRole("textbox", { name: "Reply to the customer" }).fill(REPLY);
    await tab.page.getByRole("button", { name: "Send reply" }).click();
    await tab.page.getByText("Reply sent.").waitFor();
    await tab.page.getByText(REPLY).waitFor();
    await tab.page.setViewportSize({ width: 1400, height: 1200 });
    await tab.page.evaluate(() => window.scrollTo(0, 0));
    await tab.page.screenshot({ path: path.join(SHOTS, "agent-ticket.png"), fullPage: true });
    expectCleanPage(tab);
    await tab.context.close();
  });

  it("the buyer reads the reply through the mailed link (never the note) and answers; the agent solves", async () => {
    const link = await mailedLink(new RegExp(`New reply to your support request ${ref}`));
    const tab = await browser.newPage({ baseURL: server.url });
    await tab.page.goto(link);
    await tab.page.getByRole("button", { name: "Open my request" }).click();
    await tab.page.waitForURL(`${server.url}/support/${ref}`);
    await tab.page.getByText(REPLY).waitFor();
    expect(await tab.page.content()).not.toContain("activation server");
    await tab.page.getByRole("textbox", { name: "Your reply" }).fill(BUYER_REPLY);
    await tab.page.getByRole("button", { name: "Send reply" }).click();
    await tab.page.getByText("Your reply was added to the conversation.").waitFor();
    await tab.page.getByText(BUYER_REPLY).waitFor();
    await expectNoAxeViolations(tab.page);
    expectCleanPage(tab);

    const agent = await signInAgent("alex@vendor.example");
    await agent.page.goto(`/agent/tickets/${ref}`);
    await agent.page.getByText(BUYER_REPLY).waitFor();
    await agent.page.getByLabel("Status").selectOption("solved");
    await agent.page.getByRole("button", { name: "Save", exact: true }).click();
    await agent.page.getByText("Saved.").waitFor();
    await agent.page.goto("/agent/tickets?view=solved");
    await agent.page.getByRole("link", { name: "Key refused after reinstall" }).waitFor();
    await expectNoAxeViolations(agent.page);
    await agent.context.close();

    await tab.page.reload();
    await tab.page.getByText("Solved", { exact: true }).first().waitFor();
    await tab.context.close();
  });

  it("shows the ticket and its files to nobody else, and no mail ever carried the conversation", async () => {
    const stranger = await fetch(`${server.url}/support/${ref}`, { redirect: "manual" });
    expect(stranger.status).toBe(404);
    expect((await fetch(`${server.url}/support-attachments/AAAAAAAAAAAAAAAAAAAA`)).status).toBe(404);

    expect(sink.messages.length).toBeGreaterThanOrEqual(2);
    for (const mail of sink.messages) {
      const whole = `${mail.subject}\n${mail.text}\n${mail.html}`;
      for (const text of [
        "stopped working",
        "4111",
        "Key refused",
        "activation server",
        "deactivate the old",
        "That worked",
      ]) {
        expect(whole, `${mail.subject} must not contain “${text}”`).not.toContain(text);
      }
    }
  });
});
