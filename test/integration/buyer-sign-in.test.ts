import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { requestSignInLink, LOOKUP_LIMIT_PER_ADDRESS } from "@/lib/buyers/request-sign-in-link";
import { describeSignInLink, redeemSignInLink } from "@/lib/buyers/redeem-sign-in-link";
import { lookUpOrders } from "@/lib/buyers/look-up-orders";
import { ZSignInLinkRequest } from "@/lib/buyers/schemas";
import { validateBuyerSession, listBuyerSessions } from "@/lib/auth/buyer-sessions";
import { signOutBuyerSession } from "@/lib/buyers/sign-out-buyer";
import { processOutboxBatch } from "@/lib/outbox/worker";
import { hashToken } from "@/lib/crypto/tokens";
import { env } from "@/lib/env";
import { AppError, parseOrThrow } from "@/lib/errors";
import type { TRequestMeta } from "@/lib/http/request-meta";
import { errorOf, meta, nextIp } from "../helpers/actors";
import { givenOrder } from "../helpers/fixtures";
import { queuedMails } from "../helpers/mails";

/** "Find my orders" as `POST /api/v1/lookup` runs it: the route's schema, then the use case. */
async function lookUp(email: string, ip = nextIp()): Promise<void> {
  await requestSignInLink(parseOrThrow(ZSignInLinkRequest, { email }), meta({ ip }));
}

const NO_CLIENT = { ip: null, userAgent: null };

/** Runs the worker until the outbox is idle; returns the sign-in links mailed to `email`. */
async function drainAndReadLinks(email: string): Promise<string[]> {
  for (let i = 0; i < 5; i++) await processOutboxBatch({ workerId: "test" });
  return (await queuedMails({ kind: "buyer.sign_in_link", to: email })).map((m) =>
    decodeURIComponent(/token=([\w%-]+)/.exec(m.text)?.[1] ?? ""),
  );
}

async function signIn(email: string, locale: TRequestMeta["locale"] = "en") {
  await lookUp(email);
  const links = await drainAndReadLinks(email);
  // Earlier links to the same address are used already; take the one that still works.
  const states = await Promise.all(links.map((link) => describeSignInLink({ token: link })));
  const token = links.find((_, i) => states[i]?.state === "valid") ?? "";
  return { token, ...(await redeemSignInLink({ token }, meta({ ip: "192.0.2.200", userAgent: "vitest", locale }))) };
}

describe("find my orders", () => {
  it("does the same work for known and unknown addresses, and mails a link only to the known one", async () => {
    await givenOrder("known@example.com");
    const before = await db().outboxMessage.count();
    await lookUp("known@example.com");
    await lookUp("unknown@example.com");
    const queued = await db().outboxMessage.findMany({ where: {}, orderBy: { createdAt: "asc" }, skip: before });
    // One encrypted task row each, identical in shape; the request path never reads customers.
    expect(queued.map((q) => [q.channel, q.kind])).toEqual([
      ["task", "buyer.lookup"],
      ["task", "buyer.lookup"],
    ]);
    expect(await db().verificationToken.count({ where: { purpose: "buyer_sign_in" } })).toBe(0);

    expect(await drainAndReadLinks("known@example.com")).toHaveLength(1);
    expect(await drainAndReadLinks("unknown@example.com")).toHaveLength(0);
    expect(await db().verificationToken.count({ where: { purpose: "buyer_sign_in" } })).toBe(1);
  });

  it("refuses malformed and look-alike addresses with a field error, from the API and from the form", async () => {
    const before = await db().outboxMessage.count();
    for (const email of ["not-an-address", "аda@example.com", "ada@exаmple.com", "ada＠example.com", ""]) {
      // The API route's schema (the wrapper answers 400 with these field errors).
      const error = await errorOf(lookUp(email));
      expect(error.code).toBe("invalid_input");
      expect(error.fieldErrors?.email).toBeDefined();
      // The form's use case, which picks the address (typed or suggested) and validates it itself.
      const fromForm = await errorOf(lookUpOrders({ email, confirmed: "yes" }, meta({ ip: nextIp() })));
      expect(fromForm.code).toBe("invalid_input");
      expect(fromForm.message).toBe("Enter a valid e-mail address.");
      expect(fromForm.fieldErrors?.email).toBeDefined();
    }
    expect(await db().outboxMessage.count()).toBe(before);
  });

  it("offers a likely typo back before sending anything, and sends once the buyer answered", async () => {
    const before = await db().outboxMessage.count();
    expect(await lookUpOrders({ email: " Ada@Gmial.com " }, meta({ ip: nextIp() }))).toEqual({
      kind: "suggestion",
      suggestion: "ada@gmail.com",
      typed: "Ada@Gmial.com",
    });
    expect(await db().outboxMessage.count()).toBe(before);

    // "Yes, use …": the suggested address is used (normalised); "No, send to …": the typed one.
    expect(await lookUpOrders({ email: "Ada@Gmial.com", suggested: "Ada@gmail.com" }, meta({ ip: nextIp() }))).toEqual({
      kind: "sent",
      sentTo: "ada@gmail.com",
    });
    expect(await lookUpOrders({ email: "Ada@Gmial.com", confirmed: "yes" }, meta({ ip: nextIp() }))).toEqual({
      kind: "sent",
      sentTo: "ada@gmial.com",
    });
    expect(await db().outboxMessage.count()).toBe(before + 2);
  });

  it("limits requests per address (whoever asks) and per IP", async () => {
    for (let i = 0; i < LOOKUP_LIMIT_PER_ADDRESS.max; i++) await lookUp("Busy@Example.com");
    const perAddress = await errorOf(lookUp("busy@example.com "));
    expect(perAddress.code).toBe("rate_limited");
    expect(perAddress.message).toMatch(/Try again in \d+ minutes?/);

    const sameIp = "192.0.2.77"; // outside the range nextIp() hands out
    let limited: AppError | undefined;
    for (let i = 0; i < 20 && !limited; i++) {
      limited = await lookUp(`ip${i}@example.com`, sameIp).then(
        () => undefined,
        (e: AppError) => e,
      );
    }
    expect(limited?.code).toBe("rate_limited");
  });
});

describe("sign-in links", () => {
  it("are stored hashed, survive being looked at, and work exactly once", async () => {
    await givenOrder("once@example.com");
    await lookUp("once@example.com");
    const [token = ""] = await drainAndReadLinks("once@example.com");
    expect(token.length).toBeGreaterThanOrEqual(43); // 256 bits, base64url
    const row = await db().verificationToken.findUniqueOrThrow({ where: { tokenHash: hashToken(token) } });
    expect(JSON.stringify(row)).not.toContain(token);
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBeLessThanOrEqual(env().signInLinkMs + 1000);

    // A mail scanner opening the link (GET → describe) does not use it.
    expect((await describeSignInLink({ token })).state).toBe("valid");
    expect((await describeSignInLink({ token })).maskedEmail).toBe("o•••e@example.com");

    const results = await Promise.allSettled([
      redeemSignInLink({ token }, meta(NO_CLIENT)),
      redeemSignInLink({ token }, meta(NO_CLIENT)),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const again = await errorOf(redeemSignInLink({ token }, meta(NO_CLIENT)));
    expect(again.message).toMatch(/already used/);
    expect((await describeSignInLink({ token })).state).toBe("used");
  });

  it("remember the language a buyer signs in with until they choose one (later mails use it)", async () => {
    const email = "sprache@example.com";
    await givenOrder(email);
    const first = await signIn(email, "ja");
    const readLocale = async () =>
      (await db().customer.findUniqueOrThrow({ where: { id: first.customerId }, select: { locale: true } })).locale;
    expect(await readLocale()).toBe("ja");
    // A later sign-in from a German browser does not overwrite the remembered language.
    await signIn(email, "de");
    expect(await readLocale()).toBe("ja");
  });

  it("explain expired and unknown links", async () => {
    await givenOrder("late@example.com");
    await lookUp("late@example.com");
    const [token = ""] = await drainAndReadLinks("late@example.com");
    await db().verificationToken.update({
      where: { tokenHash: hashToken(token) },
      data: { expiresAt: new Date(Date.now() - 1) },
    });
    expect((await errorOf(redeemSignInLink({ token }, meta(NO_CLIENT)))).message).toMatch(/expired/);
    expect((await describeSignInLink({ token })).maskedEmail).toBe("l•••e@example.com"); // never the full address
    expect((await errorOf(redeemSignInLink({ token: `${token}x` }, meta(NO_CLIENT)))).message).toMatch(/not valid/);
  });
});

describe("buyer sessions", () => {
  it("end when idle for 30 minutes or after 12 hours, and can be ended everywhere", async () => {
    await givenOrder("sess@example.com");
    const first = await signIn("sess@example.com");
    const buyer = await validateBuyerSession(first.sessionToken);
    expect(buyer?.email).toBe("sess@example.com");

    const idleLimit = new Date(Date.now() + 30 * 60_000 + 1000);
    expect(await validateBuyerSession(first.sessionToken, idleLimit)).toBeNull();

    const second = await signIn("sess@example.com");
    const row = await db().session.findUniqueOrThrow({ where: { tokenHash: hashToken(second.sessionToken) } });
    expect(Math.abs(row.expiresAt.getTime() - row.createdAt.getTime() - 12 * 3_600_000)).toBeLessThan(1000);

    const third = await signIn("sess@example.com");
    const current = await validateBuyerSession(third.sessionToken);
    if (!current) throw new Error("expected a session");
    const history = await listBuyerSessions(current);
    expect(history.filter((s) => s.active)).toHaveLength(2);
    expect(history.find((s) => s.current)?.userAgent).toBe("vitest");
    expect(await signOutBuyerSession(current, { scope: "everywhere" }, meta())).toBe(2);
    expect(await validateBuyerSession(second.sessionToken)).toBeNull();
    expect(await validateBuyerSession(third.sessionToken)).toBeNull();
  });
});
