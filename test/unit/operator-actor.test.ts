import { describe, expect, it } from "vitest";
import { assertOperator, CLI_ACTOR, operatorAuditActor } from "@/lib/auth/assert-operator";
import { ZRegistrationResponse } from "@/lib/auth/passkeys/schemas";
import type { TAdminSession, TAgentSession } from "@/lib/auth/types";

const ADMIN: TAdminSession = { sessionId: "s1", agentId: "a1", name: "Ada", email: "ada@example.com", role: "admin" };
const AGENT: TAgentSession = { sessionId: "s2", agentId: "a2", name: "Bo", email: "bo@example.com", role: "agent" };

describe("operator use cases (stores, brand): admins or the CLI's system actor", () => {
  it("lets an admin and the CLI through and refuses a plain agent", () => {
    expect(() => assertOperator(ADMIN)).not.toThrow();
    expect(() => assertOperator(CLI_ACTOR)).not.toThrow();
    expect(() => assertOperator(AGENT as TAdminSession)).toThrow(expect.objectContaining({ code: "forbidden" }));
  });

  it("names the agent in the audit event, or the system with no agent id", () => {
    expect(operatorAuditActor(ADMIN)).toEqual({ actorType: "agent", actorId: "a1" });
    expect(operatorAuditActor(CLI_ACTOR)).toEqual({ actorType: "system", actorId: null });
  });
});

describe("a passkey registration's extension results", () => {
  const registration = (clientExtensionResults: unknown) => ({
    id: "abc",
    rawId: "abc",
    type: "public-key",
    clientExtensionResults,
    response: { clientDataJSON: "e30", attestationObject: "o2M" },
  });

  it("keeps the known extensions and drops anything else a browser adds", () => {
    const parsed = ZRegistrationResponse.parse(registration({ credProps: { rk: true }, vendorThing: { a: 1 } }));
    expect(parsed.clientExtensionResults).toEqual({ credProps: { rk: true } });
  });

  it("refuses a known extension of the wrong shape", () => {
    expect(ZRegistrationResponse.safeParse(registration({ credProps: "yes" })).success).toBe(false);
  });
});
