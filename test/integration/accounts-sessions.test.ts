// Sessions on /account: a buyer ends one of their own sessions or all others; another buyer's
// session is "not found" and stays alive.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { endBuyerSession } from "@/lib/accounts/end-buyer-session";
import { endOtherBuyerSessions } from "@/lib/accounts/end-other-buyer-sessions";
import { givenOrder } from "../helpers/fixtures";
import { errorOf, meta, signedIn } from "../helpers/actors";

const live = async (id: string) => (await db().session.findUniqueOrThrow({ where: { id } })).revokedAt === null;

describe("buyer sessions", () => {
  it("ends one own session, refuses someone else's, and ends all others but the current one", async () => {
    await givenOrder("sessions@example.com");
    await givenOrder("stranger@example.com");
    const here = await signedIn("sessions@example.com", { userAgent: "Laptop" });
    const phone = await signedIn("sessions@example.com", { userAgent: "Phone" });
    const tablet = await signedIn("sessions@example.com", { userAgent: "Tablet" });
    const stranger = await signedIn("stranger@example.com");

    expect((await errorOf(endBuyerSession(here, { sessionId: stranger.sessionId }, meta()))).code).toBe("not_found");
    expect(await live(stranger.sessionId)).toBe(true);

    await endBuyerSession(here, { sessionId: phone.sessionId }, meta());
    expect(await live(phone.sessionId)).toBe(false);
    expect(await live(tablet.sessionId)).toBe(true);
    expect((await errorOf(endBuyerSession(here, { sessionId: phone.sessionId }, meta()))).code).toBe("not_found");

    expect(await endOtherBuyerSessions(here, meta())).toBe(1);
    expect(await live(tablet.sessionId)).toBe(false);
    expect(await live(here.sessionId)).toBe(true);
    expect(await live(stranger.sessionId)).toBe(true);
    const actions = (
      await db().auditEvent.findMany({ where: { customerId: here.customerId, action: { startsWith: "account." } } })
    ).map((e) => e.action);
    expect(actions.sort()).toEqual(["account.other_sessions_ended", "account.session_ended"]);
  });
});
