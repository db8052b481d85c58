// E-mail change: confirmed from the new address with a single-use 15-minute link; on success the
// customer, orders and tickets move, other sessions end, the old address gets a 7-day undo link that
// restores everything. An address of another customer is refused without saying whose. Agents can
// start a typo correction (audited with their note); the buyer still confirms.
import { ENC } from "@/lib/crypto/contexts";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { emailIndex } from "@/lib/crypto/blind-index";
import { decrypt, encrypt } from "@/lib/crypto/encryption";
import { newId } from "@/lib/crypto/tokens";
import { parseOrThrow } from "@/lib/errors";
import type { TBuyerSession } from "@/lib/auth/types";
import { ZAgentEmailChange, ZEmailChange } from "@/lib/accounts/schemas";
import { requestEmailChange } from "@/lib/accounts/request-email-change";
import { requestEmailChangeByAgent } from "@/lib/accounts/request-email-change-by-agent";
import { confirmEmailChange } from "@/lib/accounts/confirm-email-change";
import { describeEmailChangeLink } from "@/lib/accounts/describe-email-change-link";
import { undoEmailChange } from "@/lib/accounts/undo-email-change";
import { ADDRESS_TAKEN_MESSAGE } from "@/lib/accounts/move-customer-email";
import { searchOrders } from "@/lib/orders/search-orders";
import { runBuyerLookupTask } from "@/lib/buyers/run-lookup-task";
import { givenOrder } from "../helpers/fixtures";
import { errorOf, givenAgent, meta, signedIn } from "../helpers/actors";
import { linkToken, queuedMails } from "../helpers/mails";

/** The e-mail form as `buyerAction(ZEmailChange, …)` hands it to the use case (bad input throws here). */
async function askToMove(buyer: TBuyerSession, email: string) {
  return requestEmailChange(buyer, parseOrThrow(ZEmailChange, { email }), meta());
}

/** Opens a confirm link from a browser where nobody is signed in. */
const confirmLink = (token: string) => confirmEmailChange(null, { token }, meta());

async function givenTicket(customerId: string | null, email: string, verified = true) {
  const id = newId();
  await db().ticket.create({
    data: {
      id,
      ref: `T-${id.slice(0, 6)}`,
      customerId,
      verifiedAt: verified ? new Date() : null,
      emailHash: emailIndex(email),
      emailEnc: encrypt(email, ENC.ticketEmail),
      subjectEnc: encrypt("Lost key", ENC.ticketSubject),
    },
  });
  return id;
}

async function customerOf(id: string) {
  const row = await db().customer.findUniqueOrThrow({ where: { id }, select: { emailHash: true, emailEnc: true } });
  return { ...row, email: decrypt(row.emailEnc, ENC.customerEmail) };
}

describe("e-mail change by the buyer", () => {
  it("moves the account, its orders and tickets after the new address confirms; other sessions end; the old address can undo", async () => {
    const oldEmail = "move.me@example.com";
    const newEmail = "moved.here@example.org";
    const first = await givenOrder(oldEmail);
    const second = await givenOrder(oldEmail);
    const requester = await signedIn(oldEmail, { userAgent: "Requesting browser" });
    const other = await signedIn(oldEmail, { userAgent: "Other browser" });
    const ownTicket = await givenTicket(requester.customerId, oldEmail);
    const guestTicket = await givenTicket(null, oldEmail);
    // Anyone could have typed the old address into the guest form: an unconfirmed ticket stays put.
    const planted = await givenTicket(null, oldEmail, false);

    await askToMove(requester, " Moved.Here@Example.org ");
    // Nothing moved yet; the only mail goes to the NEW address.
    expect((await customerOf(requester.customerId)).email).toBe(oldEmail);
    const [confirmMail, ...rest] = await queuedMails({ kind: "account.email_change_confirm" });
    expect(rest).toHaveLength(0);
    expect(confirmMail?.to).toBe(newEmail);
    const token = linkToken(confirmMail?.text ?? "", "/email-change/confirm");
    const link = await db().verificationToken.findFirstOrThrow({ where: { purpose: "email_change" } });
    expect(link.identifier).toBe(emailIndex(newEmail));
    expect(link.expiresAt.getTime() - link.createdAt.getTime()).toBeLessThanOrEqual(15 * 60_000 + 1000);
    // Opening the link (GET) changes nothing.
    expect(await describeEmailChangeLink({ token })).toEqual({ state: "valid", maskedEmail: "m•••e@example.org" });

    await confirmLink(token);

    const moved = await customerOf(requester.customerId);
    expect(moved.email).toBe(newEmail);
    expect(moved.emailHash).toBe(emailIndex(newEmail));
    for (const order of await db().order.findMany({ where: { id: { in: [first.orderId, second.orderId] } } })) {
      expect(order.emailHash).toBe(emailIndex(newEmail));
      expect(decrypt(order.emailEnc, ENC.orderEmail)).toBe(newEmail);
      // The billing snapshot stays as placed.
      expect(decrypt(order.billingNameEnc ?? "", ENC.orderBillingName)).toBe("Test Buyer");
    }
    for (const id of [ownTicket, guestTicket]) {
      const ticket = await db().ticket.findUniqueOrThrow({ where: { id } });
      expect(ticket.customerId).toBe(requester.customerId);
      expect(ticket.emailHash).toBe(emailIndex(newEmail));
    }
    expect(await db().ticket.findUniqueOrThrow({ where: { id: planted } })).toMatchObject({
      customerId: null,
      emailHash: emailIndex(oldEmail),
    });
    // The requesting browser stays signed in (now as the new address); the other one is out.
    const sessions = await db().session.findMany({ where: { customerId: requester.customerId } });
    expect(sessions.find((s) => s.id === requester.sessionId)?.revokedAt).toBeNull();
    expect(sessions.find((s) => s.id === other.sessionId)?.revokedAt).not.toBeNull();
    // Agent search by the new address finds the orders; the old address finds nothing.
    const agent = await givenAgent("agent");
    expect((await searchOrders(agent, { query: newEmail }, meta())).orders).toHaveLength(2);
    expect((await searchOrders(agent, { query: oldEmail }, meta())).orders).toHaveLength(0);
    // "Find my orders" with the old address mails nothing any more.
    const before = (await queuedMails({ kind: "buyer.sign_in_link" })).length;
    await runBuyerLookupTask({ email: oldEmail, requestedAt: new Date().toISOString() });
    expect(await queuedMails({ kind: "buyer.sign_in_link" })).toHaveLength(before);
    // Audited in the buyer's history.
    const audit = await db().auditEvent.findFirstOrThrow({ where: { action: "account.email_changed" } });
    expect(audit.customerId).toBe(requester.customerId);
    expect(JSON.stringify(audit.metadata)).not.toContain("@");

    // The link worked once.
    expect((await errorOf(confirmLink(token))).message).toMatch(/already used/);

    // The old address got a notice with a 7-day undo link.
    const [notice] = await queuedMails({ kind: "account.email_changed_notice" });
    expect(notice?.to).toBe(oldEmail);
    expect(notice?.text).not.toContain(newEmail);
    const undoToken = linkToken(notice?.text ?? "", "/email-change/undo");
    const undoRow = await db().verificationToken.findFirstOrThrow({ where: { purpose: "email_change_undo" } });
    expect(undoRow.identifier).toBe(emailIndex(oldEmail));
    expect(undoRow.expiresAt.getTime() - undoRow.createdAt.getTime()).toBeGreaterThan(7 * 86_400_000 - 5000);

    await undoEmailChange({ token: undoToken }, meta());
    const restored = await customerOf(requester.customerId);
    expect(restored.email).toBe(oldEmail);
    expect((await db().order.findUniqueOrThrow({ where: { id: first.orderId } })).emailHash).toBe(emailIndex(oldEmail));
    expect((await db().ticket.findUniqueOrThrow({ where: { id: guestTicket } })).emailHash).toBe(emailIndex(oldEmail));
    // Undo signs everyone out, the requester too.
    expect(await db().session.count({ where: { customerId: requester.customerId, revokedAt: null } })).toBe(0);
    expect((await errorOf(undoEmailChange({ token: undoToken }, meta()))).message).toMatch(/already used/);
  });

  it("never moves to an address that belongs to another customer, and never tells the requester it is one", async () => {
    await givenOrder("taken.owner@example.com");
    await givenOrder("wants.it@example.com");
    const buyer = await signedIn("wants.it@example.com");
    // Same answer as for a free address; the owner of the address gets a notice, not a link.
    await expect(askToMove(buyer, "taken.owner@example.com")).resolves.toEqual({
      to: "taken.owner@example.com",
    });
    expect(
      (await queuedMails({ kind: "account.email_change_confirm" })).filter((m) => m.to === "taken.owner@example.com"),
    ).toHaveLength(0);
    expect(
      (await queuedMails({ kind: "account.email_change_taken" })).filter((m) => m.to === "taken.owner@example.com"),
    ).toHaveLength(1);
    expect((await customerOf(buyer.customerId)).email).toBe("wants.it@example.com");

    // Free when asked, taken by a new order before the link is used.
    await askToMove(buyer, "race@example.com");
    const token = linkToken(
      (await queuedMails({ kind: "account.email_change_confirm" })).find((m) => m.to === "race@example.com")?.text ??
        "",
      "/email-change/confirm",
    );
    await givenOrder("race@example.com");
    expect((await errorOf(confirmLink(token))).message).toBe(ADDRESS_TAKEN_MESSAGE);
    expect((await customerOf(buyer.customerId)).email).toBe("wants.it@example.com");
  });

  it("refuses bad input, the current address, expired links and repeats beyond the rate limit", async () => {
    await givenOrder("strict@example.com");
    const buyer = await signedIn("strict@example.com");
    expect((await errorOf(askToMove(buyer, "not an address"))).fieldErrors?.email).toBeDefined();
    expect((await errorOf(askToMove(buyer, "STRICT@example.com"))).fieldErrors?.email).toEqual([
      "This is the address you use now",
    ]);

    await askToMove(buyer, "later@example.com");
    const token = linkToken(
      (await queuedMails({ kind: "account.email_change_confirm" })).find((m) => m.to === "later@example.com")?.text ??
        "",
      "/email-change/confirm",
    );
    await db().verificationToken.updateMany({
      where: { identifier: emailIndex("later@example.com") },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect((await describeEmailChangeLink({ token })).state).toBe("expired");
    expect((await errorOf(confirmLink(token))).message).toMatch(/expired/);
    expect((await customerOf(buyer.customerId)).email).toBe("strict@example.com");

    for (let i = 0; i < 4; i++) await askToMove(buyer, `try${i}@example.com`);
    expect((await errorOf(askToMove(buyer, "try9@example.com"))).code).toBe("rate_limited");
  });

  it("a stale link (the address changed since) does not apply", async () => {
    await givenOrder("stale@example.com");
    const buyer = await signedIn("stale@example.com");
    await askToMove(buyer, "stale-a@example.com");
    await askToMove(buyer, "stale-b@example.com");
    const all = await queuedMails({ kind: "account.email_change_confirm" });
    const tokenA = linkToken(all.find((m) => m.to === "stale-a@example.com")?.text ?? "", "/email-change/confirm");
    const tokenB = linkToken(all.find((m) => m.to === "stale-b@example.com")?.text ?? "", "/email-change/confirm");
    await confirmLink(tokenB);
    expect((await errorOf(confirmLink(tokenA))).code).toBe("conflict");
    expect((await customerOf(buyer.customerId)).email).toBe("stale-b@example.com");
  });
});

describe("e-mail change started by an agent (typo at checkout)", () => {
  it("needs a verification note, is audited with it, is confirmed by the buyer, and mails no undo link to the mistyped address", async () => {
    const typo = "ada@gmial.com";
    const { orderId } = await givenOrder(typo);
    const customer = await db().customer.findUniqueOrThrow({
      where: { emailHash: emailIndex(typo) },
      select: { id: true },
    });
    const plain = await givenAgent("agent");
    const agent = await givenAgent("admin");
    // The correction form as `adminAction(ZAgentEmailChange, …)` hands it to the use case.
    const correct = async (form: { customerId: string; email: string; note: string }) =>
      requestEmailChangeByAgent(agent, parseOrThrow(ZAgentEmailChange, form), meta());
    // A plain agent cannot move a buyer to another address (an account takeover by one person).
    const confirmsBefore = (await queuedMails({ kind: "account.email_change_confirm" })).length;
    const refused = await errorOf(
      requestEmailChangeByAgent(
        plain,
        parseOrThrow(ZAgentEmailChange, { customerId: customer.id, email: "mine@attacker.example", note: "T-1" }),
        meta(),
      ),
    );
    expect(refused.code).toBe("forbidden");
    expect(await queuedMails({ kind: "account.email_change_confirm" })).toHaveLength(confirmsBefore);
    const missing = await errorOf(correct({ customerId: customer.id, email: "ada@gmail.com", note: "" }));
    expect(missing.fieldErrors?.note?.[0]).toMatch(/how the buyer was verified/);
    expect((await errorOf(correct({ customerId: "nope", email: "ada@gmail.com", note: "T-1" }))).code).toBe(
      "not_found",
    );

    await correct({
      customerId: customer.id,
      email: "ada@gmail.com",
      note: "Ticket T-1042, order number and card last four",
    });
    const requested = await db().auditEvent.findFirstOrThrow({
      where: { action: "account.email_change_requested", actorType: "agent" },
    });
    expect(requested).toMatchObject({ actorId: agent.agentId, customerId: customer.id });
    const metadata = requested.metadata as { by: string; verification: string };
    expect(metadata.by).toBe("agent");
    // The free-text note is encrypted in the audit log (it may name the person).
    expect(metadata.verification).not.toContain("T-1042");
    expect(decrypt(metadata.verification, ENC.auditVerificationNote)).toBe(
      "Ticket T-1042, order number and card last four",
    );
    expect((await customerOf(customer.id)).email).toBe(typo);

    const confirm = (await queuedMails({ kind: "account.email_change_confirm" })).find((m) => m.to === "ada@gmail.com");
    expect(confirm?.text).toContain("support team");
    await confirmLink(linkToken(confirm?.text ?? "", "/email-change/confirm"));
    expect((await customerOf(customer.id)).email).toBe("ada@gmail.com");
    expect((await db().order.findUniqueOrThrow({ where: { id: orderId } })).emailHash).toBe(
      emailIndex("ada@gmail.com"),
    );
    const notice = (await queuedMails({ kind: "account.email_changed_notice" })).find((m) => m.to === typo);
    expect(notice?.text).not.toContain("/email-change/undo");
    expect(
      await db().auditEvent.findFirst({ where: { action: "account.email_changed", customerId: customer.id } }),
    ).toMatchObject({ metadata: { by: "agent" } });
  });

  it("keeps the undo link for an old address that has signed in before, and always tells it", async () => {
    const old = "real.owner@example.com";
    await givenOrder(old);
    const owner = await signedIn(old);
    const admin = await givenAgent("admin");
    await requestEmailChangeByAgent(
      admin,
      parseOrThrow(ZAgentEmailChange, {
        customerId: owner.customerId,
        email: "taken.over@example.net",
        note: "Ticket T-77, caller knew the order number",
      }),
      meta(),
    );
    const confirm = (await queuedMails({ kind: "account.email_change_confirm" })).find(
      (m) => m.to === "taken.over@example.net",
    );
    await confirmLink(linkToken(confirm?.text ?? "", "/email-change/confirm"));
    const notice = (await queuedMails({ kind: "account.email_changed_notice" })).find((m) => m.to === old);
    expect(notice).toBeDefined();
    // The old address proved it is the owner's (it signed in): the owner can take the account back.
    await undoEmailChange({ token: linkToken(notice?.text ?? "", "/email-change/undo") }, meta());
    expect((await customerOf(owner.customerId)).email).toBe(old);
  });
});
