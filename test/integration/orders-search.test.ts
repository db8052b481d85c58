import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ingestOrder } from "@/lib/orders/ingest-order";
import { parseOrderPayload } from "@/lib/orders/schemas";
import { searchOrders } from "@/lib/orders/search-orders";
import { getOrderForAgent } from "@/lib/orders/get-order-for-agent";
import { decryptOptional, encrypt } from "@/lib/crypto/encryption";
import { ENC } from "@/lib/crypto/contexts";
import { sampleOrder } from "@/test/fixtures/order-payloads";
import { givenAgent, meta } from "../helpers/actors";

const AT_DESK = { ip: "198.51.100.40", userAgent: "Desk Browser/1.0" };
const SYSTEM = { type: "system", label: "test" } as const;

describe("searchOrders / getOrderForAgent", () => {
  it("finds orders by number, e-mail and licence key, and audits without the query text", async () => {
    const agent = await givenAgent("agent");
    const customer = { email: "Noor.Haddad@example.com", name: "Noor Haddad" };
    const older = await ingestOrder(
      parseOrderPayload(sampleOrder({ number: "SRCH-1", placedAt: "2026-09-01T08:00:00Z", customer })),
      SYSTEM,
    );
    const newer = await ingestOrder(
      parseOrderPayload(
        sampleOrder({
          number: "SRCH-2",
          source: "paddle",
          customer,
          items: [
            {
              sku: "CLIP-MINI",
              name: "ClipSync Mini",
              quantity: 3,
              unitAmount: 999,
              licenseKeys: ["ABCDE-13579-24680-XYZ12", "QWERT-11111-22222-33333"],
            },
          ],
        }),
      ),
      SYSTEM,
    );
    await ingestOrder(
      parseOrderPayload(
        sampleOrder({ number: "OTHER-1", customer: { email: "someone.else@example.com", name: "Someone Else" } }),
      ),
      SYSTEM,
    );

    const byNumber = await searchOrders(agent, { query: " #SRCH-1 " }, meta(AT_DESK));
    expect(byNumber.kind).toBe("number");
    expect(byNumber.orders.map((o) => o.id)).toEqual([older.orderId]);
    expect(byNumber.orders[0]).toMatchObject({
      totalAmount: 4900 + 2 * 2995,
      currency: "EUR",
      buyer: { email: "Noor.Haddad@example.com", name: "Noor Haddad" },
    });
    expect(byNumber.orders[0]?.items.map((i) => i.keyCount)).toEqual([1, 2]);

    const byEmail = await searchOrders(agent, { query: "noor.haddad@EXAMPLE.com" }, meta(AT_DESK));
    expect(byEmail.kind).toBe("email");
    expect(byEmail.orders.map((o) => o.id)).toEqual([newer.orderId, older.orderId]);

    const byKey = await searchOrders(agent, { query: "abcde-13579-24680-xyz12" }, meta(AT_DESK));
    expect(byKey).toMatchObject({ kind: "license_key", orders: [{ id: newer.orderId, source: "paddle" }] });
    expect((await searchOrders(agent, { query: "99999-99999-99999-99999" }, meta(AT_DESK))).orders).toEqual([]);
    await expect(searchOrders(agent, { query: "   " }, meta(AT_DESK))).rejects.toMatchObject({ code: "invalid_input" });

    const events = await db().auditEvent.findMany({ where: { actorId: agent.agentId }, orderBy: { at: "asc" } });
    expect(
      events
        .filter((e) => e.action === "orders.searched")
        .map((e) => (e.metadata as { kind: string }).kind)
        .sort(),
    ).toEqual(["email", "license_key", "none", "number"]);
    expect(events.some((e) => e.action === "customer.viewed" && e.customerId)).toBe(true);
    // Each event carries where the agent was (the request meta).
    expect(new Set(events.map((e) => [decryptOptional(e.ipEnc, ENC.auditIp), e.userAgent].join(" ")))).toEqual(
      new Set([`${AT_DESK.ip} ${AT_DESK.userAgent}`]),
    );
    expect(JSON.stringify(events)).not.toMatch(/noor|haddad|abcde|SRCH/i);
  });

  it("shows one order with masked keys and audits the view", async () => {
    const agent = await givenAgent("agent");
    const { orderId } = await ingestOrder(
      parseOrderPayload(
        sampleOrder({
          status: "partially_refunded",
          items: [
            {
              sku: "PIXF-STUDIO",
              name: "PixelForge Studio",
              quantity: 1,
              unitAmount: 4900,
              licenseKeys: ["12345-67890-12345-67890"],
            },
            {
              sku: "BKH-PRO",
              name: "Backup Hero Pro",
              quantity: 1,
              unitAmount: 2995,
              licenseKeys: ["54321-09876-54321-09876"],
              status: "refunded",
            },
          ],
        }),
      ),
      SYSTEM,
    );
    const order = await getOrderForAgent(agent, { orderId }, meta(AT_DESK));
    expect(order.keys.map((k) => [k.masked, k.status])).toEqual([
      ["•••••-•••••-•••••-67890", "active"],
      ["•••••-•••••-•••••-09876", "revoked"],
    ]);
    expect(order.billing.address).toMatchObject({ line1: "12 Analytical Row", city: "London" });
    expect(JSON.stringify(order)).not.toContain("Enc");
    expect(
      await db().auditEvent.count({
        where: { action: "customer.viewed", targetId: orderId, customerId: order.customerId },
      }),
    ).toBe(1);
    await expect(getOrderForAgent(agent, { orderId: "missing" }, meta(AT_DESK))).rejects.toMatchObject({
      code: "not_found",
    });
  });

  it("refuses a stored billing address that is not the shape it was written in", async () => {
    const agent = await givenAgent("agent");
    const { orderId } = await ingestOrder(parseOrderPayload(sampleOrder({ externalId: "DR-ADDR-1" })), SYSTEM);
    await db().order.update({
      where: { id: orderId },
      data: { billingAddrEnc: encrypt(JSON.stringify({ line1: 42 }), ENC.orderBillingAddress) },
    });
    await expect(getOrderForAgent(agent, { orderId }, meta())).rejects.toThrow();
  });
});
