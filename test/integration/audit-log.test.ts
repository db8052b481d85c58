// The audit log admins read (/agent/audit): filtered, IPs decrypted, agents refused, reading and
// exporting it recorded, the CSV quoted and formula-safe.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { getAuditLogPage, AUDIT_PAGE_SIZE } from "@/lib/audit/get-audit-log-page";
import { exportAuditLogCsv } from "@/lib/audit/export-audit-log-csv";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { getCustomerForAgent } from "@/lib/accounts/get-customer-for-agent";
import { ZAuditLogQuery } from "@/lib/audit/schemas";
import type { TAdminSession, TAgentSession } from "@/lib/auth/types";
import { givenOrder } from "../helpers/fixtures";
import { errorOf, givenAgent, meta } from "../helpers/actors";

let ADMIN: TAdminSession;
let AGENT: TAgentSession;
let customerId = "";
let otherCustomerId = "";

async function customerOf(orderId: string): Promise<string> {
  const order = await db().order.findUniqueOrThrow({ where: { id: orderId }, select: { customerId: true } });
  return order.customerId;
}

beforeAll(async () => {
  ADMIN = await givenAgent("admin");
  AGENT = await givenAgent("agent");
  customerId = await customerOf((await givenOrder(`audited-${Date.now()}@example.com`)).orderId);
  otherCustomerId = await customerOf((await givenOrder(`other-audited-${Date.now()}@example.com`)).orderId);
  // The plain agent opens both customers from two addresses: two audited views.
  await getCustomerForAgent(AGENT, { customerId }, meta({ ip: "198.51.100.77", userAgent: "Agent browser" }));
  await getCustomerForAgent(AGENT, { customerId: otherCustomerId }, meta({ ip: "198.51.100.78" }));
});

const q = (value: Record<string, string>) => ZAuditLogQuery.parse(value);

describe("audit log page", () => {
  it("shows an admin the events of one customer, with who, what, which object and the IP decrypted", async () => {
    const page = await getAuditLogPage(ADMIN, { customer: customerId }, meta());
    expect(page.error).toBeNull();
    const views = page.rows.filter((row) => row.action === "customer.viewed");
    expect(views).toHaveLength(1);
    expect(views[0]).toMatchObject({
      actorType: "agent",
      actorId: AGENT.agentId,
      targetType: "customer",
      targetId: customerId,
      targetHref: `/agent/customers/${customerId}`,
      customerId,
      ip: "198.51.100.77",
      userAgent: "Agent browser",
    });
    expect(views[0]?.actorName).toBeTruthy();
    expect(page.rows.every((row) => row.customerId === customerId)).toBe(true);
    // The column itself holds no readable address.
    const stored = await db().auditEvent.findFirstOrThrow({ where: { id: views[0]!.id } });
    expect(stored.ipEnc).not.toContain("198.51.100.77");
  });

  it("filters by agent, action (exact or prefix) and day, newest first", async () => {
    const byAgent = await getAuditLogPage(ADMIN, { agent: AGENT.agentId, action: "customer.viewed" }, meta());
    expect(byAgent.rows.map((row) => row.targetId)).toEqual([otherCustomerId, customerId]);
    const byPrefix = await getAuditLogPage(ADMIN, { agent: AGENT.agentId, action: "customer." }, meta());
    expect(byPrefix.rows.length).toBeGreaterThanOrEqual(2);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const future = await getAuditLogPage(ADMIN, { agent: AGENT.agentId, from: tomorrow }, meta());
    expect(future.rows).toEqual([]);
    const today = new Date().toISOString().slice(0, 10);
    const now = await getAuditLogPage(ADMIN, { agent: AGENT.agentId, from: today, to: today }, meta());
    expect(now.rows.length).toBeGreaterThanOrEqual(2);
  });

  it("pages with a cursor, 50 events a page", async () => {
    const pager = await givenAgent("agent");
    for (let i = 0; i < AUDIT_PAGE_SIZE + 3; i++) {
      await recordAuditEvent({ actorType: "agent", actorId: pager.agentId, action: "test.paged", metadata: { i } });
    }
    const first = await getAuditLogPage(ADMIN, { agent: pager.agentId }, meta());
    expect(first.rows).toHaveLength(AUDIT_PAGE_SIZE);
    expect(first.nextCursor).not.toBeNull();
    const second = await getAuditLogPage(ADMIN, { agent: pager.agentId, cursor: first.nextCursor! }, meta());
    expect(second.rows).toHaveLength(3);
    expect(second.nextCursor).toBeNull();
    const ids = new Set([...first.rows, ...second.rows].map((row) => row.id));
    expect(ids.size).toBe(AUDIT_PAGE_SIZE + 3);
  });

  it("names a bad filter instead of failing", async () => {
    const page = await getAuditLogPage(ADMIN, { from: "yesterday" }, meta());
    expect(page.error).toMatch(/^from: /);
    expect(page.rows).toEqual([]);
  });

  it("refuses an agent who is not an admin", async () => {
    expect((await errorOf(getAuditLogPage(AGENT, {}, meta()))).code).toBe("forbidden");
    expect((await errorOf(exportAuditLogCsv(AGENT, q({}), meta()))).code).toBe("forbidden");
  });

  it("records the read itself, with the filters and the admin's address", async () => {
    await getAuditLogPage(ADMIN, { customer: customerId, action: "customer.viewed" }, meta({ ip: "203.0.113.44" }));
    const reads = await getAuditLogPage(ADMIN, { agent: ADMIN.agentId, action: "audit_log.viewed" }, meta());
    const read = reads.rows.find((row) => row.ip === "203.0.113.44");
    expect(read).toMatchObject({ actorId: ADMIN.agentId, customerId });
    const stored = await db().auditEvent.findFirstOrThrow({ where: { id: read!.id } });
    expect(stored.metadata).toMatchObject({ customer: customerId, action: "customer.viewed", rows: 1 });
  });
});

describe("audit log export", () => {
  it("quotes every cell, neutralises formulas from outside, and is recorded", async () => {
    await recordAuditEvent({
      actorType: "customer",
      actorId: customerId,
      customerId,
      action: "test.exported",
      ip: "203.0.113.200",
      userAgent: '=HYPERLINK("http://evil.example","x"),@SUM(1+1)',
    });
    const { csv, count, fileName } = await exportAuditLogCsv(
      ADMIN,
      q({ customer: customerId, action: "test.exported" }),
      meta({ ip: "203.0.113.45" }),
    );
    expect(fileName).toMatch(/^audit-log-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(count).toBe(1);
    const lines = csv.trimEnd().split("\r\n");
    expect(lines[0]).toBe(
      '"at","actor_type","actor_id","actor_name","action","target_type","target_id","customer_id","ip","user_agent"',
    );
    expect(lines[1]).toContain('"203.0.113.200"');
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://evil.example"",""x""),'@SUM(1+1)"`);
    expect(lines[1]!.startsWith('"')).toBe(true);
    const exports = await db().auditEvent.findMany({ where: { actorId: ADMIN.agentId, action: "audit_log.exported" } });
    expect(exports).toHaveLength(1);
    expect(exports[0]!.metadata).toMatchObject({ customer: customerId, rows: 1 });
    expect(exports[0]!.customerId).toBe(customerId);
  });

  it("has no path that changes or deletes an event", async () => {
    const audit = await import("@/lib/audit/record-audit-event");
    expect(Object.keys(audit)).toEqual(["recordAuditEvent"]);
  });
});
