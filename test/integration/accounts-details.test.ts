// Account details: name, postal address and E.164 phone saved encrypted; each change audited with
// the customer (so it shows in their history) without values; orders keep their billing snapshot;
// bad input (refused by the schema the action's wrapper applies) changes nothing and names the fields.
import { ENC } from "@/lib/crypto/contexts";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { decrypt } from "@/lib/crypto/encryption";
import { parseOrThrow } from "@/lib/errors";
import type { TBuyerSession } from "@/lib/auth/types";
import { ZAccountDetails, type TAccountDetailsForm } from "@/lib/accounts/schemas";
import { updateAccountDetails } from "@/lib/accounts/update-account-details";
import { getAccount } from "@/lib/accounts/get-account";
import { listAccountActivity } from "@/lib/accounts/list-account-activity";
import { givenOrder } from "../helpers/fixtures";
import { errorOf, meta, signedIn } from "../helpers/actors";

/** Submits the details form as `buyerAction(ZAccountDetails, …)` does: schema first (bad input throws), then the use case. */
async function save(buyer: TBuyerSession, form: TAccountDetailsForm, requestMeta = meta()) {
  return updateAccountDetails(buyer, parseOrThrow(ZAccountDetails, form), requestMeta);
}

const FORM = {
  name: "Grace Hopper",
  line1: "10 Downing Street",
  line2: "",
  city: "London",
  region: "",
  postalCode: "sw1a 2aa",
  country: "GB",
  phone: "020 7946 0958",
};

describe("account details", () => {
  it("saves encrypted, normalised details, audits which fields changed, and leaves the orders' billing snapshot alone", async () => {
    const { orderId } = await givenOrder("grace@example.com", {
      customer: {
        email: "grace@example.com",
        name: "G. Hopper",
        phone: "+1 202 555 0100",
        address: { line1: "1 Old Road", city: "Arlington", postalCode: "22201", country: "US" },
      },
    });
    const buyer = await signedIn("grace@example.com");
    const before = await getAccount(buyer);
    expect(before.name).toBe("G. Hopper");
    expect(before.address?.country).toBe("US");

    expect(await save(buyer, FORM, meta({ ip: "198.51.100.7", userAgent: "Test browser" }))).toEqual({
      changed: ["name", "phone", "address"],
    });

    const row = await db().customer.findUniqueOrThrow({ where: { id: buyer.customerId } });
    expect(decrypt(row.nameEnc ?? "", ENC.customerName)).toBe("Grace Hopper");
    expect(decrypt(row.phoneEnc ?? "", ENC.customerPhone)).toBe("+442079460958");
    expect(JSON.parse(decrypt(row.addressEnc ?? "", ENC.customerAddress))).toEqual({
      line1: "10 Downing Street",
      line2: null,
      city: "London",
      region: null,
      postalCode: "SW1A 2AA",
      country: "GB",
    });
    expect(JSON.stringify(row)).not.toMatch(/Grace|Downing|7946/);

    const order = await db().order.findUniqueOrThrow({ where: { id: orderId } });
    expect(decrypt(order.billingNameEnc ?? "", ENC.orderBillingName)).toBe("G. Hopper");
    expect(decrypt(order.billingAddrEnc ?? "", ENC.orderBillingAddress)).toContain("1 Old Road");

    const event = await db().auditEvent.findFirstOrThrow({ where: { action: "account.details_updated" } });
    expect(event).toMatchObject({
      actorType: "customer",
      actorId: buyer.customerId,
      customerId: buyer.customerId,
      userAgent: "Test browser",
    });
    expect(event.metadata).toEqual({ fields: ["name", "phone", "address"] });
    expect((await listAccountActivity(buyer))[0]).toMatchObject({ label: "Details updated", by: "You" });

    // Saving the same values again changes (and audits) nothing.
    expect(await save(buyer, FORM)).toEqual({ changed: [] });
    expect(await db().auditEvent.count({ where: { action: "account.details_updated" } })).toBe(1);

    // Clearing the address and phone is a change too.
    expect(
      await save(buyer, { name: "Grace Hopper", line1: "", city: "", postalCode: "", country: "", phone: "" }),
    ).toEqual({ changed: ["phone", "address"] });
    expect(await getAccount(buyer)).toMatchObject({ phone: null, address: null });
  });

  it("refuses invalid input with field errors and stores nothing", async () => {
    await givenOrder("careful@example.com");
    const buyer = await signedIn("careful@example.com");
    const error = await errorOf(save(buyer, { ...FORM, name: " ", postalCode: "12345", phone: "12" }));
    expect(error.code).toBe("invalid_input");
    expect(Object.keys(error.fieldErrors ?? {}).sort()).toEqual(["name", "phone", "postalCode"]);
    expect(error.fieldErrors?.postalCode?.[0]).toMatch(/United Kingdom, e\.g\. SW1A 1AA/);
    expect((await getAccount(buyer)).name).toBe("Test Buyer");
    expect(
      await db().auditEvent.count({ where: { action: "account.details_updated", customerId: buyer.customerId } }),
    ).toBe(0);
  });
});
