// Erasure: the buyer asks, an admin approves (keys revoked or kept) and, in one transaction, every
// personal value of the customer — current and former addresses, names, phones, postal addresses,
// ticket texts, notes, IPs — disappears from every table, in plaintext, in ciphertexts (decrypted
// here) and as blind indexes; the orders' financial records stay; the notice is queued before the
// address goes and is itself deleted once delivered; the erased buyer can no longer sign in.
import { ENC } from "@/lib/crypto/contexts";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { emailIndex, rateLimitSubjectIndex } from "@/lib/crypto/blind-index";
import { decrypt, encrypt } from "@/lib/crypto/encryption";
import { newId, hashToken } from "@/lib/crypto/tokens";
import { createBuyerSession, validateBuyerSession } from "@/lib/auth/buyer-sessions";
import type { TAgentSession } from "@/lib/auth/types";
import { parseOrThrow } from "@/lib/errors";
import { requestSignInLink } from "@/lib/buyers/request-sign-in-link";
import { runBuyerLookupTask } from "@/lib/buyers/run-lookup-task";
import { ZAccountDetails, ZEmailChange } from "@/lib/accounts/schemas";
import { updateAccountDetails } from "@/lib/accounts/update-account-details";
import { requestEmailChange } from "@/lib/accounts/request-email-change";
import { confirmEmailChange } from "@/lib/accounts/confirm-email-change";
import { setNewsletter } from "@/lib/newsletter/set-newsletter";
import { ZBuyerErasureForm, ZErasureApproval, ZErasureDecision } from "@/lib/privacy/schemas";
import { requestErasure } from "@/lib/privacy/request-erasure";
import { cancelErasure } from "@/lib/privacy/cancel-erasure";
import { approveErasure } from "@/lib/privacy/approve-erasure";
import { denyErasure } from "@/lib/privacy/deny-erasure";
import { listErasureRequests } from "@/lib/privacy/list-erasure-requests";
import { purgeDeliveredErasureNotices } from "@/lib/privacy/purge-erasure-notices";
import { processOutboxBatch } from "@/lib/outbox/worker";
import { givenOrder, licenseKey } from "../helpers/fixtures";
import { errorOf, givenAgent, meta, signedIn } from "../helpers/actors";
import { linkToken, queuedMails } from "../helpers/mails";

/** The buyer ticked "I understand…" and asked. */
const CONFIRMED = { confirm: true };

/** The admin's decision form as `adminAction(ZErasureDecision, …)` hands an approval to the use case. */
async function approve(agent: TAgentSession, form: { requestId: string; keys: string }) {
  return approveErasure(agent, parseOrThrow(ZErasureApproval, form), meta({ ip: "192.0.2.50", userAgent: "Admin" }));
}

// Every encryption context used in the database (a ciphertext that opens under none fails the test).
// Every registered context: a ciphertext under any of them must be readable by this dump.
const CONTEXTS = Object.values(ENC);

/** Every row of every table as text, with each ciphertext followed by its decrypted plaintext. */
async function dumpDatabase(): Promise<{ text: string; undecryptable: number }> {
  const tables =
    env().databaseProvider === "sqlite"
      ? await db().$queryRawUnsafe<{ name: string }[]>(`SELECT name FROM sqlite_master WHERE type = 'table'`)
      : await db().$queryRawUnsafe<{ name: string }[]>(
          `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'`,
        );
  expect(tables.map((t) => t.name)).toEqual(
    expect.arrayContaining(["Customer", "Order", "Ticket", "AuditEvent", "OutboxMessage", "RateLimit"]),
  );
  let text = "";
  let undecryptable = 0;
  for (const { name } of tables) {
    const rows = await db().$queryRawUnsafe<unknown[]>(`SELECT * FROM "${name}"`);
    const json = JSON.stringify(rows, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
    text += json + "\n";
    for (const sealed of json.match(/v1\.[\w-]{8}\.[\w-]+/g) ?? []) {
      const opened = CONTEXTS.map((context) => {
        try {
          return decrypt(sealed, context);
        } catch {
          return null;
        }
      }).find((v) => v !== null);
      if (opened == null) undecryptable++;
      else text += opened + "\n";
    }
  }
  return { text: text.toLowerCase(), undecryptable };
}

async function givenTicket(customerId: string | null, email: string, name: string, body: string) {
  const id = newId();
  await db().ticket.create({
    data: {
      id,
      ref: `T-${id.slice(0, 6)}`,
      customerId,
      emailHash: emailIndex(email),
      emailEnc: encrypt(email, ENC.ticketEmail),
      nameEnc: encrypt(name, ENC.ticketName),
      subjectEnc: encrypt(`Help for ${name}`, ENC.ticketSubject),
      messages: {
        create: [
          { id: newId(), author: "customer", bodyEnc: encrypt(body, ENC.ticketBody) },
          { id: newId(), author: "agent", bodyEnc: encrypt(`Hello ${name}`, ENC.ticketBody), internal: true },
        ],
      },
      attachments: {
        create: [
          {
            id: newId(),
            fileNameEnc: encrypt(`${name}-invoice.pdf`, ENC.attachmentFileName),
            contentType: "application/pdf",
            size: 1,
            sha256: "0",
            storagePath: `attachments/${id}`,
          },
        ],
      },
    },
  });
  return id;
}

describe("erasure", () => {
  it("removes every trace of the customer's personal data and blind indexes, keeps the financial records, revokes keys, and stops sign-in", async () => {
    const FIRST = "erase.first@example.com";
    const SECOND = "erase.second@example.net";
    const secrets = [
      "Eraseme Quixote",
      "Quixote Billing",
      "+1 202 555 0143",
      "Windmill Lane",
      "Rosinante Road",
      "77001",
      "Dulcinea",
      "La Mancha",
    ];
    const key = licenseKey();
    const { orderId } = await givenOrder(FIRST, {
      number: "ERASE-1",
      customer: {
        email: FIRST,
        name: "Quixote Billing",
        phone: "+1 202 555 0143",
        address: { line1: "12 Windmill Lane", city: "Houston", postalCode: "77001", country: "US" },
      },
      items: [{ sku: "PFS-1", name: "PixelForge Studio", quantity: 2, unitAmount: 4900, licenseKeys: [key] }],
    });
    const control = await givenOrder("control.buyer@example.com", {
      customer: { email: "control.buyer@example.com", name: "Control Person" },
    });

    // A history: profile edits, an e-mail change, a ticket, a refund note, the newsletter, a look-up.
    let buyer = await signedIn(FIRST, { userAgent: "Erase browser" });
    await updateAccountDetails(
      buyer,
      ZAccountDetails.parse({
        name: "Eraseme Quixote",
        line1: "3 Rosinante Road",
        line2: "La Mancha",
        city: "Madrid",
        postalCode: "28013",
        country: "ES",
        phone: "+34 912 345 678",
      }),
      meta({ ip: "198.51.100.77" }),
    );
    secrets.push("+34912345678");
    await requestEmailChange(buyer, ZEmailChange.parse({ email: SECOND }), meta());
    await confirmEmailChange(
      null,
      {
        token: linkToken(
          (await queuedMails({ kind: "account.email_change_confirm" }))[0]?.text ?? "",
          "/email-change/confirm",
        ),
      },
      meta(),
    );
    buyer = await signedIn(SECOND, { userAgent: "Erase browser 2" });
    const ticketId = await givenTicket(buyer.customerId, SECOND, "Eraseme Quixote", "My friend Dulcinea bought it");
    await db().refundRequest.create({
      data: {
        id: newId(),
        orderId,
        customerId: buyer.customerId,
        reason: "other",
        amount: 4900,
        noteEnc: encrypt("Dulcinea says no", ENC.refundNote),
      },
    });
    await setNewsletter(buyer, { subscribed: true }, meta());
    await requestSignInLink({ email: SECOND }, meta({ ip: "198.51.100.77" }));
    const oldSessionToken = await db().$transaction((tx) =>
      createBuyerSession(tx, { customerId: buyer.customerId, ip: "198.51.100.77", userAgent: "Old" }),
    );
    const before = await dumpDatabase();
    for (const value of [FIRST, SECOND, emailIndex(FIRST), emailIndex(SECOND), ...secrets])
      expect(before.text).toContain(value.toLowerCase());

    // The buyer asks (twice: one request), the admin sees it and approves, revoking the keys.
    const request = await requestErasure(buyer, CONFIRMED, meta());
    expect(await requestErasure(buyer, CONFIRMED, meta())).toEqual({ id: request.id, created: false });
    const admin = await givenAgent("admin");
    expect((await errorOf(approve(await givenAgent("agent"), { requestId: request.id, keys: "revoke" }))).code).toBe(
      "forbidden",
    );
    expect((await errorOf(approve(admin, { requestId: request.id, keys: "maybe" }))).fieldErrors?.keys).toBeDefined();
    expect((await listErasureRequests(admin)).pending).toEqual([
      expect.objectContaining({ id: request.id, orders: 1, tickets: 1, activeKeys: 1 }),
    ]);

    const counts = await approve(admin, { requestId: request.id, keys: "revoke" });
    expect(counts).toMatchObject({ orders: 1, tickets: 1, keysRevoked: 1 });
    expect((await errorOf(approve(admin, { requestId: request.id, keys: "revoke" }))).code).toBe("conflict");

    // The notice was queued to the current address, in the same transaction, before it was erased.
    const notices = await queuedMails({ kind: "privacy.erasure_completed" });
    expect(notices.map((m) => m.to)).toEqual([SECOND]);
    expect(notices[0]?.text).toContain("licence keys have been deactivated");
    // Delivered (dev mailbox), then deleted: the notice was the last copy of the address.
    await processOutboxBatch({ workerId: "test" });
    expect(await purgeDeliveredErasureNotices()).toBe(1);

    const after = await dumpDatabase();
    expect(after.undecryptable).toBe(0);
    for (const value of [
      FIRST,
      SECOND,
      emailIndex(FIRST),
      emailIndex(SECOND),
      hashToken(oldSessionToken),
      // Rate-limit counters kept about the customer (by address index and by id) go too.
      rateLimitSubjectIndex(emailIndex(FIRST)),
      rateLimitSubjectIndex(emailIndex(SECOND)),
      rateLimitSubjectIndex(buyer.customerId),
      ...secrets,
    ]) {
      expect(after.text, `found ${value}`).not.toContain(value.toLowerCase());
    }
    // The other customer is untouched.
    expect(after.text).toContain("control.buyer@example.com");
    expect(after.text).toContain("control person");

    // Financial records stay, with the personal fields blanked; keys revoked.
    const order = await db().order.findUniqueOrThrow({
      where: { id: orderId },
      include: { items: { include: { keys: true } } },
    });
    expect(order).toMatchObject({
      number: "ERASE-1",
      totalAmount: 9800,
      currency: "EUR",
      status: "paid",
      billingNameEnc: null,
      billingPhoneEnc: null,
      billingAddrEnc: null,
    });
    expect(order.items[0]?.keys[0]).toMatchObject({ status: "revoked", revokedReason: "erasure" });
    expect(await db().ticketMessage.count({ where: { ticketId } })).toBe(2);
    const customer = await db().customer.findUniqueOrThrow({ where: { id: buyer.customerId } });
    expect(customer).toMatchObject({ nameEnc: null, phoneEnc: null, addressEnc: null, newsletter: false });
    expect(customer.erasedAt).not.toBeNull();
    expect((await db().order.findUniqueOrThrow({ where: { id: control.orderId } })).billingNameEnc).not.toBeNull();

    // No sign-in any more: sessions are gone and a look-up of either address mails nothing.
    expect(await validateBuyerSession(oldSessionToken)).toBeNull();
    for (const email of [FIRST, SECOND]) await runBuyerLookupTask({ email, requestedAt: new Date().toISOString() });
    expect(await queuedMails({ kind: "buyer.sign_in_link" })).toHaveLength(0);

    // The audit log says it happened, by whom, with counts only.
    const audit = await db().auditEvent.findFirstOrThrow({ where: { action: "privacy.erasure_completed" } });
    expect(audit).toMatchObject({
      actorType: "agent",
      actorId: admin.agentId,
      customerId: buyer.customerId,
      targetId: request.id,
    });
    expect(audit.metadata).toMatchObject({ keepLicenseKeys: false, orders: 1, tickets: 1, keysRevoked: 1 });
    expect((await db().erasureRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe("completed");
  });

  it("keeps licence keys when the admin says so; a request can be withdrawn or denied", async () => {
    await givenOrder("keeper@example.com");
    const buyer = await signedIn("keeper@example.com");
    const admin = await givenAgent("admin");
    const first = await requestErasure(buyer, CONFIRMED, meta());
    await cancelErasure(buyer, meta());
    expect((await db().erasureRequest.findUniqueOrThrow({ where: { id: first.id } })).status).toBe("cancelled");
    expect((await errorOf(cancelErasure(buyer, meta()))).code).toBe("not_found");
    const second = await requestErasure(buyer, CONFIRMED, meta());
    // Only admins decide: an agent is refused by the use case itself, and the request stays pending.
    const agent = await givenAgent("agent");
    expect((await errorOf(denyErasure(agent, { requestId: second.id }, meta()))).code).toBe("forbidden");
    expect((await db().erasureRequest.findUniqueOrThrow({ where: { id: second.id } })).status).toBe("pending");
    await denyErasure(admin, { requestId: second.id }, meta());
    expect((await errorOf(approve(admin, { requestId: second.id, keys: "keep" }))).code).toBe("conflict");
    const third = await requestErasure(buyer, CONFIRMED, meta());
    await approve(admin, { requestId: third.id, keys: "keep" });
    const keys = await db().licenseKey.findMany({ where: { orderItem: { order: { customerId: buyer.customerId } } } });
    expect(keys.map((k) => k.status)).toEqual(["active"]);
    expect((await queuedMails({ kind: "privacy.erasure_completed" }))[0]?.text).toContain("licence keys stay valid");
  });

  it("refuses a request the buyer did not confirm, whoever calls the use case, and creates nothing", async () => {
    await givenOrder("hasty@example.com");
    const buyer = await signedIn("hasty@example.com");
    // The /account form without the box ticked, as the wrapper parses it.
    const unticked = ZBuyerErasureForm.parse({ intent: "request" });
    expect(unticked.confirm).toBe(false);
    const error = await errorOf(requestErasure(buyer, unticked, meta()));
    expect(error).toMatchObject({
      code: "invalid_input",
      message: "Tick the box to confirm that you understand what erasure means.",
      fieldErrors: { confirm: ["Tick this box to continue"] },
    });
    expect(await db().erasureRequest.count({ where: { customerId: buyer.customerId } })).toBe(0);
    expect(
      await db().auditEvent.count({ where: { action: "account.erasure_requested", customerId: buyer.customerId } }),
    ).toBe(0);

    const ticked = ZBuyerErasureForm.parse({ intent: "request", confirm: "yes" });
    expect((await requestErasure(buyer, ticked, meta())).created).toBe(true);
  });

  it("shows the erasure requests to admins only", async () => {
    await givenOrder("private@example.com");
    const buyer = await signedIn("private@example.com");
    const { id } = await requestErasure(buyer, CONFIRMED, meta());
    expect((await errorOf(listErasureRequests(await givenAgent("agent")))).code).toBe("forbidden");
    expect((await listErasureRequests(await givenAgent("admin"))).pending.map((r) => r.id)).toContain(id);
  });

  it("reads the admin's decision form: an approval needs the key choice, a denial does not", () => {
    const approveWithoutKeys = ZErasureDecision.safeParse({ requestId: "r1", decision: "approve" });
    expect(approveWithoutKeys.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["keys", "Choose whether the buyer's licence keys stay valid"],
    ]);
    expect(ZErasureDecision.parse({ requestId: "r1", decision: "approve", keys: "keep" })).toEqual({
      requestId: "r1",
      decision: "approve",
      keys: "keep",
    });
    expect(ZErasureDecision.parse({ requestId: "r1", decision: "deny", keys: "revoke" })).toEqual({
      requestId: "r1",
      decision: "deny",
    });
    expect(ZErasureDecision.safeParse({ requestId: "r1", decision: "erase" }).success).toBe(false);
  });
});
