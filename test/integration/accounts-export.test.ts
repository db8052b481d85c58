// "Download my data": everything held about the buyer, decrypted, only theirs, audited.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { exportAccountData } from "@/lib/accounts/export-account-data";
import { updateAccountDetails } from "@/lib/accounts/update-account-details";
import { ZAccountDetails } from "@/lib/accounts/schemas";
import { givenOrder, licenseKey } from "../helpers/fixtures";
import { meta, signedIn } from "../helpers/actors";

describe("data export", () => {
  it("contains profile, orders with billing details and decrypted keys, sessions and history — and nothing of other buyers", async () => {
    const mine = licenseKey();
    const theirs = licenseKey();
    await givenOrder("exporter@example.com", {
      number: "EXP-1",
      customer: { email: "exporter@example.com", name: "Ex Porter", phone: "+33 1 23 45 67 89" },
      items: [{ sku: "PFS-1", name: "PixelForge Studio", quantity: 1, unitAmount: 4900, licenseKeys: [mine] }],
    });
    await givenOrder("other@example.com", {
      number: "OTH-1",
      items: [{ sku: "PFS-1", name: "PixelForge Studio", quantity: 1, unitAmount: 4900, licenseKeys: [theirs] }],
    });
    const buyer = await signedIn("exporter@example.com", { userAgent: "Export browser" });
    await updateAccountDetails(
      buyer,
      ZAccountDetails.parse({
        name: "Ex Porter",
        line1: "1 Rue de Rivoli",
        city: "Paris",
        postalCode: "75001",
        country: "FR",
        phone: "01 23 45 67 89",
      }),
      meta(),
    );

    const { json, fileName } = await exportAccountData(buyer, meta({ ip: "203.0.113.5", userAgent: "Export browser" }));
    expect(fileName).toMatch(/^keydesk-my-data-\d{4}-\d{2}-\d{2}\.json$/);
    expect(json).not.toContain(theirs);
    expect(json).not.toContain("OTH-1");
    expect(json).not.toContain("other@example.com");
    const data = JSON.parse(json) as {
      profile: { email: string; name: string; phone: string; address: { city: string } };
      orders: {
        number: string;
        billing: { phone: string };
        items: { licenseKeys: { key: string; status: string }[] }[];
      }[];
      sessions: { userAgent: string; ip: string }[];
      accessHistory: { action: string }[];
    };
    expect(data.profile).toMatchObject({
      email: "exporter@example.com",
      name: "Ex Porter",
      phone: "+33123456789",
      address: { city: "Paris" },
    });
    expect(data.orders).toHaveLength(1);
    expect(data.orders[0]).toMatchObject({ number: "EXP-1", billing: { phone: "+33 1 23 45 67 89" } });
    expect(data.orders[0]?.items[0]?.licenseKeys).toEqual([{ key: mine, status: "active", revokedAt: null }]);
    expect(data.sessions[0]).toMatchObject({ userAgent: "Export browser", ip: "203.0.113.9" });
    expect(data.accessHistory.map((e) => e.action)).toEqual(
      expect.arrayContaining(["order.created", "account.details_updated"]),
    );
    const audit = await db().auditEvent.findFirstOrThrow({ where: { action: "account.data_exported" } });
    expect(audit).toMatchObject({ customerId: buyer.customerId, metadata: { orders: 1, tickets: 0 } });
  });
});
