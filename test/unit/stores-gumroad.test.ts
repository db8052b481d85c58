import { describe, expect, it } from "vitest";
import { gumroadConnector as gumroad } from "@/lib/stores/providers/gumroad";
import { MalformedDeliveryError, type TDelivery, type TStoreEvent } from "@/lib/stores/types";
import { delivery, fixture, store, verifyWith } from "../helpers/store-connector";

const TOKEN = "h3Q9vXk2mP0sL7tW1yB4nR8cD6fG5jZaE_uoiK-qwer";
const OLD_TOKEN = "previous-token-still-valid-for-24h-xxxxxxxx";
const STORE = store("gumroad", [TOKEN, OLD_TOKEN]);

function at(token: string | null, body: string | Buffer = fixture("gumroad", "sale.txt")): TDelivery {
  const d = delivery(body, { "content-type": "application/x-www-form-urlencoded" });
  if (token !== null) d.url.searchParams.set("token", token);
  return d;
}

function parseOne(name: string): TStoreEvent {
  const events = gumroad.parse(at(TOKEN, fixture("gumroad", name)));
  expect(events).toHaveLength(1);
  return events[0]!;
}

describe("gumroad connector: verify (the token in the URL is the secret)", () => {
  it("accepts the current and the previous token, refuses another or none", async () => {
    expect(await verifyWith(gumroad, at(TOKEN), STORE)).toEqual({ ok: true });
    expect(await verifyWith(gumroad, at(OLD_TOKEN), STORE)).toEqual({ ok: true });
    expect(await verifyWith(gumroad, at(`${TOKEN}x`), STORE)).toEqual({ ok: false, reason: "bad_signature" });
    expect(await verifyWith(gumroad, at(null), STORE)).toEqual({ ok: false, reason: "missing_signature" });
    expect(gumroad.secretInUrl).toBe(true);
  });
});

describe("gumroad connector: parse", () => {
  it("maps a sale ping to a paid order with the licence key Gumroad generated", () => {
    const event = parseOne("sale.txt");
    expect(event).toMatchObject({ id: "sale:FgC3bA9xQ2Lm7pT0vK1yZw==", type: "sale" });
    expect(event.changes).toEqual([
      {
        kind: "order_paid",
        externalId: "FgC3bA9xQ2Lm7pT0vK1yZw==",
        number: "524891337",
        placedAt: new Date("2026-11-28T14:07:31Z"),
        currency: "USD",
        customer: { ref: "8841203315572", email: "maya.lindqvist@example.se", name: "Maya Lindqvist" },
        lines: [
          {
            ref: "https://keydesk.gumroad.com/l/keydesk-pro",
            sku: "https://keydesk.gumroad.com/l/keydesk-pro",
            name: "Keydesk Pro",
            quantity: 1,
            unitAmount: 3900,
            licenseKeys: ["A1B2C3D4-E5F60718-293A4B5C-6D7E8F90"],
          },
        ],
        total: 3900,
      },
    ]);
  });

  it("a refund refunds the sale (in part when Gumroad says so), a dispute is a chargeback", () => {
    expect(parseOne("refund.txt")).toMatchObject({
      id: "refund:FgC3bA9xQ2Lm7pT0vK1yZw==:3900",
      changes: [{ kind: "refund", externalId: "FgC3bA9xQ2Lm7pT0vK1yZw==", full: true }],
    });
    const partial = fixture("gumroad", "refund.txt")
      .toString()
      .replace("amount_refunded_in_cents=3900", "amount_refunded_in_cents=1000");
    expect(gumroad.parse(at(TOKEN, partial))[0]).toMatchObject({
      id: "refund:FgC3bA9xQ2Lm7pT0vK1yZw==:1000",
      changes: [{ kind: "refund", refundedTotal: 1000, full: false }],
    });
    const unsized = fixture("gumroad", "refund.txt")
      .toString()
      .replace("amount_refunded_in_cents=3900", "partially_refunded=true");
    expect(gumroad.parse(at(TOKEN, unsized))[0]?.changes).toEqual([
      { kind: "refund", externalId: "FgC3bA9xQ2Lm7pT0vK1yZw==", full: false },
    ]);
    expect(parseOne("dispute.txt").changes).toEqual([{ kind: "chargeback", externalId: "FgC3bA9xQ2Lm7pT0vK1yZw==" }]);
  });

  it("records a test ping without applying it, and refuses a ping without sale id or e-mail", () => {
    const ping = parseOne("test-ping.txt");
    expect(ping.changes).toEqual([]);
    expect(ping.ignoredBecause).toMatch(/test ping/);
    const sale = fixture("gumroad", "sale.txt").toString();
    expect(() => gumroad.parse(at(TOKEN, sale.replace(/sale_id=[^&]*/, "sale_id=")))).toThrow(MalformedDeliveryError);
    expect(() => gumroad.parse(at(TOKEN, sale.replace(/email=[^&]*/, "email=")))).toThrow(/email/);
  });
});
