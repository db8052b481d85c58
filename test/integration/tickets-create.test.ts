import { ENC } from "@/lib/crypto/contexts";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { decrypt } from "@/lib/crypto/encryption";
import { emailIndex } from "@/lib/crypto/blind-index";
import { passesLuhn } from "@/lib/redaction/redact-card-numbers";
import { createGuestTicket, type TGuestTicketInput } from "@/lib/tickets/create-guest-ticket";
import { createBuyerTicket } from "@/lib/tickets/create-buyer-ticket";
import { openTicket } from "@/lib/tickets/open-ticket";
import { redeemTicketLink } from "@/lib/tickets/redeem-ticket-link";
import { validateTicketSession } from "@/lib/tickets/ticket-sessions";
import { FORM_LIMIT_PER_ADDRESS, API_LIMIT_PER_IP } from "@/lib/tickets/ticket-limits";
import { MAX_ATTACHMENT_BYTES } from "@/lib/tickets/attachments/store-attachments";
import { parseOrThrow } from "@/lib/errors";
import { ZApiTicket, type TGuestTicket } from "@/lib/tickets/schemas";
import { givenOrder } from "../helpers/fixtures";
import { errorOf, meta, nextIp, signedIn } from "../helpers/actors";
import { queuedMails } from "../helpers/mails";
import { file, formInput, guestValues, lastTicketToken, PNG, solvedPow } from "../helpers/tickets";

type TFormExtra = Partial<Pick<TGuestTicketInput, "pow" | "website" | "attachments">>;
const form = (values: TGuestTicket, extra: TFormExtra = {}) =>
  createGuestTicket({ ...values, channel: "form", pow: solvedPow(), ...extra }, meta({ ip: nextIp() }));
const api = (values: TGuestTicket, ip = nextIp()) => createGuestTicket({ ...values, channel: "api" }, meta({ ip }));

/**
 * The public JSON API as its route handler runs it: the body through the route's schema (bad
 * fields become the 400's `fields`), then the use case. (The handler itself imports next-auth
 * through the wrapper's guards, which vitest cannot load; e2e covers the HTTP layer.)
 */
const callApi = async (body: unknown, ip = nextIp()) =>
  createGuestTicket({ ...parseOrThrow(ZApiTicket, body), channel: "api" }, meta({ ip }));

/** Every text value of every row of the ticket tables, joined (to look for plaintext at rest). */
async function everythingStored(): Promise<string> {
  const rows = await Promise.all([
    db().ticket.findMany(),
    db().ticketMessage.findMany(),
    db().attachment.findMany(),
    db().outboxMessage.findMany({ omit: { payloadEnc: false } }),
    db().auditEvent.findMany(),
  ]);
  return JSON.stringify(rows);
}

describe("a guest's ticket", () => {
  it("is saved at once, encrypted and unconfirmed; the mail has the reference and a link only; the link confirms it once", async () => {
    const values = guestValues({
      email: "ada@example.com",
      subject: "Installer crashes on start",
      message: "Secret detail: the installer of PixelForge crashes with code 0xDEAD.",
    });
    const created = await form(values);
    expect(created).toMatchObject({ verified: false, redacted: 0 });
    expect(created.ref).toMatch(/^KD-[2-9A-HJ-NP-Z]{6}$/);

    const ticket = await db().ticket.findUniqueOrThrow({ where: { ref: created.ref } });
    expect(ticket.verifiedAt).toBeNull();
    expect(decrypt(ticket.subjectEnc, ENC.ticketSubject)).toBe(values.subject);
    const stored = await everythingStored();
    for (const secret of ["ada@example.com", "Grace Guest", "Installer crashes", "0xDEAD"])
      expect(stored).not.toContain(secret);

    const mails = await queuedMails({ to: "ada@example.com" });
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    expect(mail.kind).toBe("ticket.confirm");
    expect(mail.subject).toContain(created.ref);
    for (const part of [mail.subject, mail.text, mail.html]) {
      expect(part).not.toContain("Installer crashes");
      expect(part).not.toContain("0xDEAD");
    }

    const token = await lastTicketToken("ada@example.com");
    const { sessionToken, ref } = await redeemTicketLink({ token }, meta({ ip: nextIp() }));
    expect(ref).toBe(created.ref);
    expect((await db().ticket.findUniqueOrThrow({ where: { ref } })).verifiedAt).not.toBeNull();
    expect(await validateTicketSession(sessionToken)).toMatchObject({ ticketId: ticket.id });
    expect((await errorOf(redeemTicketLink({ token }, meta({ ip: nextIp() })))).message).toMatch(/already used/);
  });

  it("joins the customer of that address only once the guest confirms from the mailed link", async () => {
    await givenOrder("owner@example.com");
    const { id: customerId } = await db().customer.findUniqueOrThrow({
      where: { emailHash: emailIndex("owner@example.com") },
      select: { id: true },
    });
    const created = await form(
      guestValues({ email: "owner@example.com", subject: "Planted?", message: "Anyone can type an address." }),
    );
    // Unconfirmed: not in that customer's tickets, so nobody can plant a ticket in someone's account.
    expect((await db().ticket.findUniqueOrThrow({ where: { ref: created.ref } })).customerId).toBeNull();
    await redeemTicketLink({ token: await lastTicketToken("owner@example.com") }, meta({ ip: nextIp() }));
    expect((await db().ticket.findUniqueOrThrow({ where: { ref: created.ref } })).customerId).toBe(customerId);
  });

  it("redacts generated card numbers from subject and message before anything is stored, and says how many", async () => {
    const digits = fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 14, maxLength: 14 }).map((d) => d.join(""));
    const card = digits.map((body) => {
      for (let d = 0; d <= 9; d++) if (passesLuhn(`4${body}${d}`)) return `4${body}${d}`;
      throw new Error("unreachable");
    });
    let n = 0;
    await fc.assert(
      fc.asyncProperty(card, fc.constantFrom(" ", "-", ""), async (pan, sep) => {
        const written = sep ? pan.match(/.{1,4}/g)!.join(sep) : pan;
        const email = `card${++n}@example.com`;
        const created = await api(
          guestValues({
            email,
            subject: `Charged twice on ${written}`,
            message: `My card ${written} was charged twice, please refund.`,
          }),
        );
        expect(created.redacted).toBe(2);
        const ticket = await db().ticket.findUniqueOrThrow({
          where: { ref: created.ref },
          include: { messages: true },
        });
        const subject = decrypt(ticket.subjectEnc, ENC.ticketSubject);
        const body = decrypt(ticket.messages[0]!.bodyEnc, ENC.ticketBody);
        expect(subject).toBe(`Charged twice on [card ending ${pan.slice(-4)}]`);
        expect(body).toBe(`My card [card ending ${pan.slice(-4)}] was charged twice, please refund.`);
        expect(`${subject}${body}`.replace(/\D/g, "")).not.toContain(pan);
      }),
      { numRuns: 12 },
    );
  });

  it("answers a validation error with the field's name and stores nothing", async () => {
    const before = await db().ticket.count();
    const error = await errorOf(callApi({ email: "not-an-address", subject: "", message: "short" }));
    expect([error.code, error.status]).toEqual(["invalid_input", 400]);
    expect(Object.keys(error.fieldErrors ?? {}).sort()).toEqual(["email", "message", "subject"]);
    const bad = await errorOf(Promise.resolve().then(() => formInput({ ...guestValues(), category: "pizza" })));
    expect(bad.fieldErrors?.category).toBeDefined();
    expect(await db().ticket.count()).toBe(before);
  });

  it("opens a ticket through the public API's schema and use case", async () => {
    const { ref } = await callApi({ ...guestValues({ email: "api-app@example.com" }), website: "" });
    const ticket = await db().ticket.findUniqueOrThrow({ where: { ref } });
    expect(ticket.verifiedAt).toBeNull();
    const created = await db().auditEvent.findFirstOrThrow({
      where: { action: "ticket.created", targetId: ticket.id },
    });
    expect(created.metadata).toMatchObject({ via: "api" });
  });

  it("pretends to accept a form or an API call whose honeypot is filled, and stores and mails nothing", async () => {
    const [tickets, mails] = [await db().ticket.count(), await db().outboxMessage.count()];
    const created = await form(guestValues({ email: "bot@example.com" }), { website: "http://spam.example" });
    expect(created.ref).toMatch(/^KD-/);
    expect(await db().ticket.findUnique({ where: { ref: created.ref } })).toBeNull();
    const { ref: decoy } = await callApi({
      ...guestValues({ email: "bot2@example.com" }),
      website: "http://spam.example",
    });
    expect(decoy).toMatch(/^KD-/);
    expect(await db().ticket.findUnique({ where: { ref: decoy } })).toBeNull();
    expect([await db().ticket.count(), await db().outboxMessage.count()]).toEqual([tickets, mails]);
  });

  it("needs a fresh proof of work on the web form: missing, forged or replayed ones are refused", async () => {
    const values = guestValues({ email: "pow@example.com" });
    expect((await errorOf(form(values, { pow: undefined }))).fieldErrors?.pow).toBeDefined();
    const forged = JSON.parse(Buffer.from(solvedPow(), "base64").toString()) as Record<string, unknown>;
    forged.signature = "f".repeat(64);
    expect(
      (await errorOf(form(values, { pow: Buffer.from(JSON.stringify(forged)).toString("base64") }))).fieldErrors?.pow,
    ).toBeDefined();
    const pow = solvedPow();
    await form(values, { pow });
    const replay = await errorOf(form(values, { pow }));
    expect(replay.fieldErrors?.pow).toEqual(["Already used"]);
    expect(
      await db().ticket.count({
        where: { emailHash: (await db().ticket.findFirstOrThrow({ orderBy: { createdAt: "desc" } })).emailHash },
      }),
    ).toBe(1);
  });

  it("limits tickets per address on the form and per IP (harder) on the API", async () => {
    for (let i = 0; i < FORM_LIMIT_PER_ADDRESS.max; i++) await form(guestValues({ email: "busy@example.com" }));
    const limited = await errorOf(form(guestValues({ email: "busy@example.com" })));
    expect(limited.code).toBe("rate_limited");
    expect(limited.retryAfterSeconds).toBeGreaterThan(0);

    const ip = nextIp();
    for (let i = 0; i < API_LIMIT_PER_IP.max; i++) await api(guestValues({ email: `api${i}@example.com` }), ip);
    const before = await db().ticket.count();
    expect((await errorOf(api(guestValues({ email: "api-last@example.com" }), ip))).code).toBe("rate_limited");
    expect(await db().ticket.count()).toBe(before);
  });

  it("links the order only when its number belongs to the guest's address", async () => {
    const own = await givenOrder("owner@example.com");
    const mine = await api(guestValues({ email: "owner@example.com", orderNumber: own.number }));
    expect(await db().ticket.findUniqueOrThrow({ where: { ref: mine.ref } })).toMatchObject({ orderId: own.orderId });

    const theirs = await api(guestValues({ email: "intruder@example.com", orderNumber: own.number }));
    const ticket = await db().ticket.findUniqueOrThrow({ where: { ref: theirs.ref }, include: { messages: true } });
    expect(ticket.orderId).toBeNull();
    expect(ticket.customerId).toBeNull();
    const note = ticket.messages.find((m) => m.author === "system");
    expect(note?.internal).toBe(true);
  });
});

describe("a signed-in buyer's ticket", () => {
  it("is confirmed at once, uses the session's address and accepts only the buyer's own orders", async () => {
    const own = await givenOrder("buyer@example.com");
    const other = await givenOrder("someone@example.com");
    const buyer = await signedIn("buyer@example.com");
    const values = {
      subject: "Need my installer",
      message: "The download link expired, please help.",
      category: "download" as const,
    };
    const bad = await errorOf(createBuyerTicket(buyer, { ...values, orderId: other.orderId }, meta({ ip: nextIp() })));
    expect(bad.fieldErrors?.orderId).toBeDefined();
    const created = await createBuyerTicket(buyer, { ...values, orderId: own.orderId }, meta({ ip: nextIp() }));
    expect(created.verified).toBe(true);
    const ticket = await db().ticket.findUniqueOrThrow({ where: { ref: created.ref } });
    expect(ticket).toMatchObject({ customerId: buyer.customerId, orderId: own.orderId, category: "download" });
    expect(decrypt(ticket.emailEnc, ENC.ticketEmail)).toBe("buyer@example.com");
    const mail = (await queuedMails({ to: "buyer@example.com" })).at(-1)!;
    expect(mail.kind).toBe("ticket.received");
    expect(mail.text).not.toContain("download link expired");
  });
});

describe("attachments", () => {
  it("accepts allowed types by content, stores them privately under random names, and refuses the rest", async () => {
    const created = await form(guestValues({ email: "files@example.com" }), {
      attachments: [
        file("screenshot.txt", PNG),
        file("install.log", "line 1\nERROR 42\n"),
        file("invoice.pdf", "%PDF-1.7\n..."),
      ],
    });
    const rows = await db().attachment.findMany({ where: { ticket: { ref: created.ref } } });
    expect(rows.map((r) => r.contentType).sort()).toEqual(["application/pdf", "image/png", "text/plain"]);
    for (const row of rows) {
      const stored = path.join(env().dataDir, "attachments", row.storagePath);
      expect(row.storagePath).toMatch(/^[0-9a-f]{40}$/);
      expect(fs.statSync(stored).mode & 0o777).toBe(0o600);
      expect(JSON.stringify(row)).not.toContain("screenshot");
    }

    const before = await db().attachment.count();
    const exe = Buffer.concat([Buffer.from("MZ"), Buffer.alloc(100, 0)]);
    expect(
      (await errorOf(form(guestValues({ email: "files2@example.com" }), { attachments: [file("photo.png", exe)] })))
        .fieldErrors?.attachments?.[0],
    ).toMatch(/photo\.png.*not a file type/);
    expect(
      (
        await errorOf(
          form(guestValues({ email: "files3@example.com" }), {
            attachments: [file("huge.txt", Buffer.alloc(MAX_ATTACHMENT_BYTES + 1, 65))],
          }),
        )
      ).fieldErrors?.attachments?.[0],
    ).toMatch(/larger than 10 MB/);
    // An empty file input posts a nameless empty part: that is "no file", not an error.
    const noFile = await form(guestValues({ email: "files5@example.com" }), {
      attachments: [file("", ""), file("undefined", "")],
    });
    expect(await db().attachment.count({ where: { ticket: { ref: noFile.ref } } })).toBe(0);
    expect(
      (await errorOf(form(guestValues({ email: "files6@example.com" }), { attachments: [file("empty.txt", "")] })))
        .fieldErrors?.attachments?.[0],
    ).toMatch(/empty/);
    const six = Array.from({ length: 6 }, (_, i) => file(`f${i}.txt`, "hello"));
    expect(
      (await errorOf(form(guestValues({ email: "files4@example.com" }), { attachments: six }))).fieldErrors
        ?.attachments?.[0],
    ).toMatch(/at most 5/);
    expect(await db().attachment.count()).toBe(before);
    expect(fs.readdirSync(path.join(env().dataDir, "attachments"))).toHaveLength(before);
  });
});

describe("the support form (openTicket)", () => {
  const fields = {
    category: "download",
    subject: "Installer will not start",
    message: "The installer closes right after the splash screen.",
  };

  it("opens a guest ticket for a stranger: unconfirmed, behind the spam check, confirmed from the mail", async () => {
    const missingPow = await errorOf(
      openTicket(null, formInput({ ...fields, email: "form-guest@example.com", website: "" }), meta({ ip: nextIp() })),
    );
    expect(missingPow.fieldErrors?.pow).toBeDefined();
    const created = await openTicket(
      null,
      formInput({
        ...fields,
        email: "Form-Guest@example.com",
        name: "",
        orderNumber: "",
        website: "",
        pow: solvedPow(),
      }),
      meta({ ip: nextIp() }),
    );
    expect(created).toMatchObject({ verified: false, redacted: 0 });
    const ticket = await db().ticket.findUniqueOrThrow({ where: { ref: created.ref } });
    expect(ticket).toMatchObject({ customerId: null, verifiedAt: null, category: "download" });
    expect(decrypt(ticket.emailEnc, ENC.ticketEmail)).toBe("form-guest@example.com");
    expect((await queuedMails({ to: "form-guest@example.com" })).map((m) => m.kind)).toEqual(["ticket.confirm"]);
  });

  it("opens a signed-in buyer's ticket under the session's address, confirmed, with no spam check", async () => {
    const own = await givenOrder("form-buyer@example.com");
    const buyer = await signedIn("form-buyer@example.com");
    // An address posted along (a guest form left open in another tab) does not count: the session's does.
    const created = await openTicket(
      { kind: "buyer", buyer },
      formInput({ ...fields, orderId: own.orderId, email: "someone-else@example.com" }),
      meta({ ip: nextIp() }),
    );
    expect(created.verified).toBe(true);
    const ticket = await db().ticket.findUniqueOrThrow({ where: { ref: created.ref } });
    expect(ticket).toMatchObject({ customerId: buyer.customerId, orderId: own.orderId });
    expect(ticket.verifiedAt).not.toBeNull();
    expect(decrypt(ticket.emailEnc, ENC.ticketEmail)).toBe("form-buyer@example.com");
    expect(await queuedMails({ to: "someone-else@example.com" })).toEqual([]);
  });

  it("treats a guest whose session opens another ticket as a guest, and asks a sessionless buyer form for an address", async () => {
    await api(guestValues({ email: "session-guest@example.com" }));
    const { sessionToken } = await redeemTicketLink(
      { token: await lastTicketToken("session-guest@example.com") },
      meta({ ip: nextIp() }),
    );
    const session = await validateTicketSession(sessionToken);
    if (!session) throw new Error("no ticket session");
    const created = await openTicket(
      { kind: "guest", ...session },
      formInput({ ...fields, email: "session-guest@example.com", website: "", pow: solvedPow() }),
      meta({ ip: nextIp() }),
    );
    expect(created.verified).toBe(false);
    expect((await db().ticket.findUniqueOrThrow({ where: { ref: created.ref } })).verifiedAt).toBeNull();

    // The buyer's form (no address field) posted after the buyer's session ended.
    const before = await db().ticket.count();
    const noAddress = await errorOf(openTicket(null, formInput(fields), meta({ ip: nextIp() })));
    expect(noAddress.fieldErrors?.email).toEqual(["Enter your e-mail address"]);
    expect(await db().ticket.count()).toBe(before);
  });
});
