// POST /api/v1/lookup through the real route handler: the same 202 for every valid address, a field
// error for a malformed one, 429 with Retry-After once the per-IP limit is used up.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { POST } from "@/app/api/v1/lookup/route";
import { LOOKUP_LIMIT_PER_IP } from "@/lib/buyers/request-sign-in-link";
import { givenOrder } from "../helpers/fixtures";

function lookUp(body: unknown, ip: string): Promise<Response> {
  return POST(
    new Request("http://localhost/api/v1/lookup", {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": ip },
      body: JSON.stringify(body),
    }),
  );
}

describe("POST /api/v1/lookup", () => {
  it("answers 202 {status: sent} alike for a known and an unknown address", async () => {
    await givenOrder("api-known@example.com");
    const before = await db().outboxMessage.count({ where: { kind: "buyer.lookup" } });
    const known = await lookUp({ email: "api-known@example.com" }, "192.0.2.10");
    const unknown = await lookUp({ email: "api-unknown@example.com" }, "192.0.2.11");
    for (const response of [known, unknown]) {
      expect(response.status).toBe(202);
      expect(await response.json()).toEqual({ status: "sent" });
    }
    expect(await db().outboxMessage.count({ where: { kind: "buyer.lookup" } })).toBe(before + 2);
  });

  it("answers 400 naming the field for a malformed address, and queues nothing", async () => {
    const before = await db().outboxMessage.count();
    for (const body of [{ email: "not-an-address" }, { email: "аda@example.com" }, {}]) {
      const response = await lookUp(body, "192.0.2.20");
      expect(response.status).toBe(400);
      const { error } = (await response.json()) as { error: { code: string; fields: Record<string, string[]> } };
      expect(error.code).toBe("invalid_input");
      expect(Object.keys(error.fields)).toEqual(["email"]);
    }
    expect(await db().outboxMessage.count()).toBe(before);
  });

  it("answers 429 with Retry-After once the client's IP used up its look-ups", async () => {
    const statuses: number[] = [];
    for (let i = 0; i <= LOOKUP_LIMIT_PER_IP.max; i++)
      statuses.push((await lookUp({ email: `api-flood${i}@example.com` }, "192.0.2.30")).status);
    expect(statuses).toEqual([...Array<number>(LOOKUP_LIMIT_PER_IP.max).fill(202), 429]);
    const limited = await lookUp({ email: "api-flood-last@example.com" }, "192.0.2.30");
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    // Another client is not affected.
    expect((await lookUp({ email: "api-other@example.com" }, "192.0.2.31")).status).toBe(202);
  });
});
