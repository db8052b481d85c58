// Page-level reads: /account and /activity each get everything they show from one use case, only
// the signed-in buyer's own data, browsers named the same way on both pages, and nothing written;
// the console's customer page and search take the agent and audit who looked.
import { ENC } from "@/lib/crypto/contexts";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { decrypt } from "@/lib/crypto/encryption";
import { emailIndex } from "@/lib/crypto/blind-index";
import { getAccountPage } from "@/lib/accounts/get-account-page";
import { getActivityPage } from "@/lib/accounts/get-activity-page";
import { getCustomerForAgent } from "@/lib/accounts/get-customer-for-agent";
import { findCustomerByEmail } from "@/lib/accounts/find-customer-by-email";
import { endBuyerSession } from "@/lib/accounts/end-buyer-session";
import { setNewsletter } from "@/lib/newsletter/set-newsletter";
import { givenOrder } from "../helpers/fixtures";
import { errorOf, givenAgent, meta, signedIn } from "../helpers/actors";

const FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";
const HEADLESS =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36";

describe("buyer pages", () => {
  it("/account and /activity show only the buyer's own data, name browsers alike, and write nothing", async () => {
    await givenOrder("pages@example.com", {
      customer: {
        email: "pages@example.com",
        name: "Page Reader",
        address: { line1: "1 Main St", city: "Berlin", postalCode: "10115", country: "Germany" },
      },
    });
    await givenOrder("neighbour@example.com");
    const here = await signedIn("pages@example.com", { userAgent: HEADLESS });
    const laptop = await signedIn("pages@example.com", { userAgent: FIREFOX });
    const old = await signedIn("pages@example.com", { userAgent: "Old phone" });
    const neighbour = await signedIn("neighbour@example.com", { userAgent: "Neighbour browser" });
    await endBuyerSession(here, { sessionId: old.sessionId }, meta({ userAgent: HEADLESS }));
    await setNewsletter(here, { subscribed: true }, meta({ userAgent: HEADLESS }));

    const events = await db().auditEvent.count();
    const page = await getAccountPage(here);
    expect(page.account).toMatchObject({
      email: "pages@example.com",
      name: "Page Reader",
      newsletter: true,
      pendingErasure: null,
      // A store's country name is read as the code the form's select uses.
      address: expect.objectContaining({ city: "Berlin", country: "DE" }) as unknown,
    });
    expect(page.countries.find((c) => c.value === "DE")?.label).toBe("Germany");
    // Active sessions only (the ended one is gone), none of the neighbour's, this one marked.
    expect(page.activeSessions.map((s) => s.id).sort()).toEqual([here.sessionId, laptop.sessionId].sort());
    expect(page.activeSessions.find((s) => s.current)?.browser).toBe("Headless Chrome 156 on Linux");
    expect(page.activeSessions.find((s) => s.id === laptop.sessionId)?.browser).toBe("Firefox 133 on Windows");
    expect(page.activity.map((a) => a.label)).toEqual(["Subscribed to the newsletter", "A session was ended"]);

    const activity = await getActivityPage(here);
    expect(activity.signIns.map((s) => s.id)).not.toContain(neighbour.sessionId);
    expect(activity.signIns.find((s) => s.id === old.sessionId)).toMatchObject({ active: false });
    // The same user agent gets the same name as on /account.
    expect(activity.signIns.find((s) => s.id === here.sessionId)?.browser).toBe("Headless Chrome 156 on Linux");
    expect(activity.events.map((e) => e.label)).toEqual(["Newsletter choice changed", "A session was ended"]);
    expect(activity.events[0]?.browser).toBe("Headless Chrome 156 on Linux");

    // Reading a page records nothing.
    expect(await db().auditEvent.count()).toBe(events);
  });
});

describe("console customer pages", () => {
  it("finds a customer by current or order address and shows them to any agent, auditing who looked and from where", async () => {
    await givenOrder("found@example.com", {
      customer: {
        email: "found@example.com",
        name: "Found Person",
        address: { line1: "1 Main St", city: "Berlin", postalCode: "10115", country: "DE" },
      },
    });
    const agent = await givenAgent("agent");
    const customer = await db().customer.findUniqueOrThrow({
      where: { emailHash: emailIndex("found@example.com") },
      select: { id: true },
    });

    expect(await findCustomerByEmail(agent, { email: "found@example.com" }, meta())).toEqual({
      customerId: customer.id,
    });
    expect(await findCustomerByEmail(agent, { email: "nobody@example.com" }, meta())).toEqual({ customerId: null });
    // A customer whose current address is another one is still found by the address an order was placed with.
    await db().customer.update({
      where: { id: customer.id },
      data: { emailHash: emailIndex("now.elsewhere@example.com") },
    });
    expect(await findCustomerByEmail(agent, { email: "found@example.com" }, meta())).toEqual({
      customerId: customer.id,
    });
    await db().customer.update({ where: { id: customer.id }, data: { emailHash: emailIndex("found@example.com") } });
    const searches = await db().auditEvent.findMany({
      where: { action: "customers.searched" },
      orderBy: { at: "asc" },
    });
    expect(searches.map((e) => e.metadata)).toEqual([{ found: true }, { found: false }, { found: true }]);
    expect(JSON.stringify(searches)).not.toContain("example.com");

    const view = await getCustomerForAgent(agent, { customerId: customer.id }, meta({ ip: "192.0.2.77" }));
    expect(view).toMatchObject({
      id: customer.id,
      email: "found@example.com",
      name: "Found Person",
      addressText: "1 Main St, 10115 Berlin, Germany",
    });
    const viewed = await db().auditEvent.findFirstOrThrow({ where: { action: "customer.viewed" } });
    expect(viewed).toMatchObject({ actorType: "agent", actorId: agent.agentId, customerId: customer.id });
    expect(decrypt(viewed.ipEnc ?? "", ENC.auditIp)).toBe("192.0.2.77");

    for (const customerId of ["", "nope", "x".repeat(65)])
      expect((await errorOf(getCustomerForAgent(agent, { customerId }, meta()))).code).toBe("not_found");
  });
});
