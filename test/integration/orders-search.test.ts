import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { TAgentSession } from "@/lib/auth/types";
import { ingestOrder } from "@/lib/orders/ingest-order";
import { parseOrderPayload } from "@/lib/orders/schemas";
import { searchOrders } from "@/lib/orders/search-orders";
import { getOrderForAgent } from "@/lib/orders/get-order-for-agent";
import { sampleOrder } from "@/test/fixtures/order-payloads";

const AGENT: TAgentSession = {
  sessionId: "s1",
  agentId: "agent-1",
  name: "Sam Support",
  email: "sam@vendor.test",
  role: "agent",
};
const SYSTEM = { type: "system", label: "test" } as const;

describe("searchOrders / getOrderForAgent", () => {
  it("finds orders by number, e-mail and licence key, and audits without the query text", async () => {
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

    const byNumber = await searchOrders({ agent: AGENT, query: " #SRCH-1 " });
    expect(byNumber.kind).toBe("number");
    expect(byNumber.orders.map((o) => o.id)).toEqual([older.orderId]);
    expect(byNumber.orders[0]).toMatchObject({
      totalAmount: 4900 + 2 * 2995,
      currency: "EUR",
      buyer: { email: "Noor.Haddad@example.com", name: "Noor Haddad" },
    });
    expect(byNumber.orders[0]?.items.map((i) => i.keyCount)).toEqual([1, 2]);

    const byEmail = await searchOrders({ agent: AGENT, query: "noor.haddad@EXAMPLE.com" });
    expect(byEmail.kind).toBe("email");
    expect(byEmail.orders.map((o) => o.id)).toEqual([newer.orderId, older.orderId]);

    const byKey = await searchOrders({ agent: AGENT, query: "abcde-13579-24680-xyz12" });
    expect(byKey).toMatchObject({ kind: "license_key", orders: [{ id: newer.orderId, source: "paddle" }] });
    expect((await searchOrders({ agent: AGENT, query: "99999-99999-99999-99999" })).orders).toEqual([]);
    await expect(searchOrders({ agent: AGENT, query: "   " })).rejects.toMatchObject({ code: "invalid_input" });

    const events = await db().auditEvent.findMany({ where: { actorId: AGENT.agentId }, orderBy: { at: "asc" } });
    expect(
      events
        .filter((e) => e.action === "orders.searched")
        .map((e) => (e.metadata as { kind: string }).kind)
        .sort(),
    ).toEqual(["email", "license_key", "none", "number"]);
    expect(events.some((e) => e.action === "customer.viewed" && e.customerId)).toBe(true);
    expect(JSON.stringify(events)).not.toMatch(/noor|haddad|abcde|SRCH/i);
  });

  it("shows one order with masked keys and audits the view", async () => {
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
    const order = await getOrderForAgent({ agent: AGENT, orderId });
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
    await expect(getOrderForAgent({ agent: AGENT, orderId: "missing" })).rejects.toMatchObject({ code: "not_found" });
  });
});
