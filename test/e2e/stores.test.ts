// A vendor connects a store in the console and a real (Stripe-signed) delivery becomes an order the
// buyer finds in the portal: admin adds the store, copies the webhook URL, the delivery arrives,
// the received-events log shows it applied, and the buyer signs in by e-mail and sees the order.
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectCleanPage } from "../helpers/browser";
import { expectNoAxeViolations } from "../helpers/axe";
import { startSmtpSink, type TSmtpSink } from "../helpers/smtp-sink";
import { startAppWithAdmin, type TAppWithAdmin } from "../helpers/app-with-admin";

const ADMIN = "store.admin@example.com";
const BUYER = "store.buyer@example.com";
const SECRET = "whsec_e2e_store_secret_0123456789";
const PAYMENT_INTENT = "pi_3E2eStoreOrder0001";

let app: TAppWithAdmin;
let sink: TSmtpSink;

function checkoutCompleted(): string {
  const now = Math.floor(Date.now() / 1000);
  return JSON.stringify({
    id: "evt_1E2eStoreDelivery01",
    object: "event",
    api_version: "2026-10-28.endive",
    created: now,
    livemode: false,
    type: "checkout.session.completed",
    data: {
      object: {
        id: "cs_test_e2eStore01",
        object: "checkout.session",
        amount_subtotal: 4900,
        amount_total: 4900,
        currency: "eur",
        created: now - 30,
        customer: "cus_E2eStore",
        customer_details: { address: null, email: BUYER, name: "Stella Store", phone: null },
        customer_email: null,
        mode: "payment",
        payment_intent: PAYMENT_INTENT,
        payment_status: "paid",
        status: "complete",
      },
    },
  });
}

beforeAll(async () => {
  sink = await startSmtpSink();
  app = await startAppWithAdmin({ email: ADMIN, name: "Sam Admin" }, { smtpUrl: sink.url });
});

afterAll(async () => {
  await app?.stop();
  await sink?.stop();
});

describe("store connectors", () => {
  it("an admin adds a Stripe store; its delivery becomes an order the buyer finds", async () => {
    // Admins enrol a second factor at their first sign-in (through the real pages).
    const admin = await app.adminPage();

    await admin.page.getByRole("link", { name: "Stores" }).click();
    await admin.page.getByRole("heading", { level: 1, name: "Stores" }).waitFor();
    await expectNoAxeViolations(admin.page);
    await admin.page.getByLabel("Provider").selectOption("stripe");
    await admin.page.getByLabel("Name", { exact: true }).fill("stripe-shop");
    await admin.page.getByLabel(/^Signing secret/).fill(SECRET);
    await admin.page.getByRole("button", { name: "Add store" }).click();
    await admin.page.getByText("Added stripe-shop.").waitFor();
    const url = (await admin.page.locator("form code").first().textContent()) ?? "";
    expect(url).toMatch(new RegExp(`^${app.server.url}/api/v1/stores/[\\w-]+/webhook$`));
    await admin.page.getByRole("heading", { name: "stripe-shop" }).waitFor();
    await admin.page
      .getByText(/Stripe Dashboard → Developers → Webhooks/)
      .first()
      .waitFor();
    await expectNoAxeViolations(admin.page);

    const body = checkoutCompleted();
    const signature = new Stripe("sk_test_e2e_only").webhooks.generateTestHeaderString({
      payload: body,
      secret: SECRET,
    });
    const delivered = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", "stripe-signature": signature },
      body,
    });
    expect(delivered.status).toBe(200);
    const forged = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", "stripe-signature": "t=1,v1=00" },
      body,
    });
    expect(forged.status).toBe(401);

    await admin.page.getByRole("link", { name: "Received events" }).click();
    await admin.page.getByRole("heading", { level: 1, name: "stripe-shop: received events" }).waitFor();
    await admin.page.getByText("evt_1E2eStoreDelivery01").waitFor();
    await admin.page.getByText("applied").waitFor();
    await admin.page.getByText(/Refused signatures: 1/).waitFor();
    await expectNoAxeViolations(admin.page);
    expectCleanPage(admin);
    await admin.context.close();

    const buyer = await app.browser.newPage({ baseURL: app.server.url });
    await buyer.page.goto("/lookup");
    await buyer.page.getByLabel("E-mail address you bought with").fill(BUYER);
    await buyer.page.getByRole("button", { name: "Send me a sign-in link" }).click();
    const mail = await sink.waitFor((m) => m.to.includes(BUYER) && /sign-in link/i.test(m.subject), 30_000);
    const link = /(http:\/\/localhost:\d+\/lookup\/verify\?token=[\w%-]+)/.exec(mail.text)?.[1];
    await buyer.page.goto(link ?? "");
    await buyer.page.getByRole("button", { name: "Continue to my orders" }).click();
    await buyer.page.waitForURL(/\/orders$/);
    const entry = buyer.page
      .getByRole("listitem")
      .filter({ has: buyer.page.getByRole("link", { name: `Order ${PAYMENT_INTENT}` }) });
    await expect(entry.textContent()).resolves.toMatch(/via stripe-shop.*€49\.00.*Paid/s);
    expectCleanPage(buyer);
    await buyer.context.close();
  });
});
