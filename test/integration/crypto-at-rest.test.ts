// Personal data and secrets at rest: after real use cases (an order from the store, a buyer's
// ticket, a refund request with a note, a mailed sign-in link) the database's RAW rows hold none of
// the plaintext, and every encrypted value opens only under the context of its own column.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ENC, type TEncryptionContext } from "@/lib/crypto/contexts";
import { decrypt, encrypt } from "@/lib/crypto/encryption";
import { emailIndex, licenseKeyIndex } from "@/lib/crypto/blind-index";
import { newId } from "@/lib/crypto/tokens";
import { parseOrThrow } from "@/lib/errors";
import { newIdempotencyKey } from "@/lib/idempotency/run-once";
import { createBuyerTicket } from "@/lib/tickets/create-buyer-ticket";
import { ZBuyerTicket } from "@/lib/tickets/schemas";
import { requestRefund } from "@/lib/refunds/request-refund";
import { ZRefundRequestInput } from "@/lib/refunds/schemas";
import { requestSignInLink } from "@/lib/buyers/request-sign-in-link";
import { processOutboxBatch } from "@/lib/outbox/worker";
import { createHmac } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { rotateStoreSecret } from "@/lib/stores/rotate-store-secret";
import { givenAgent, meta, signedIn } from "../helpers/actors";
import { givenOrder, licenseKey } from "../helpers/fixtures";
import { deliver, givenStore } from "../helpers/stores";

const EMAIL = "zelda.quill@example.com";
const NAME = "Zelda Quillfeather";
const PHONE = "+49 30 9876543";
const STREET = "Quillweg 17";
const KEY = licenseKey();
const SUBJECT = "Activation fails on the new laptop";
const BODY = "Since the update the activation dialog says my key is unknown. Please help.";
const NOTE = "Bought the wrong edition by accident, sorry";
const IP = "203.0.113.44";

/** Every encrypted column, by table, with the one context it is sealed under. */
const COLUMNS: Record<string, Record<string, TEncryptionContext | ((row: TRawRow) => TEncryptionContext)>> = {
  Customer: {
    emailEnc: ENC.customerEmail,
    nameEnc: ENC.customerName,
    phoneEnc: ENC.customerPhone,
    addressEnc: ENC.customerAddress,
  },
  Order: {
    emailEnc: ENC.orderEmail,
    billingNameEnc: ENC.orderBillingName,
    billingPhoneEnc: ENC.orderBillingPhone,
    billingAddrEnc: ENC.orderBillingAddress,
  },
  LicenseKey: { keyEnc: ENC.licenseKeyValue },
  RefundRequest: { noteEnc: ENC.refundNote, decisionNoteEnc: ENC.refundDecisionNote },
  Ticket: { emailEnc: ENC.ticketEmail, nameEnc: ENC.ticketName, subjectEnc: ENC.ticketSubject },
  TicketMessage: { bodyEnc: ENC.ticketBody },
  Session: { ipEnc: ENC.sessionIp },
  AuditEvent: { ipEnc: ENC.auditIp },
  VerificationToken: { payloadEnc: ENC.verificationTokenPayload },
  OutboxMessage: {
    payloadEnc: (row) =>
      row.channel === "mail" ? ENC.outboxMail : row.channel === "task" ? ENC.outboxTask : ENC.outboxRefundGateway,
  },
};

type TRawRow = Record<string, unknown>;

async function rawRows(table: string): Promise<TRawRow[]> {
  return db().$queryRawUnsafe<TRawRow[]>(`SELECT * FROM "${table}"`);
}

function opensOnlyUnder(value: string, own: TEncryptionContext): string {
  for (const other of Object.values(ENC)) {
    if (other !== own) expect(() => decrypt(value, other), `${own} value opened under ${other}`).toThrow();
  }
  return decrypt(value, own);
}

describe("encryption at rest", () => {
  it("keeps no plaintext personal data, keys or messages in the raw rows of real use cases", async () => {
    const order = await givenOrder(EMAIL, {
      customer: {
        email: "Zelda.Quill@Example.com",
        name: NAME,
        phone: PHONE,
        address: { line1: STREET, city: "Berlin", postalCode: "10115", country: "DE" },
      },
      items: [{ sku: "PFS-1", name: "PixelForge Studio", quantity: 1, unitAmount: 4900, licenseKeys: [KEY] }],
    });
    const buyer = await signedIn(EMAIL, { ip: IP, userAgent: "vitest" });
    await createBuyerTicket(
      buyer,
      parseOrThrow(ZBuyerTicket, { subject: SUBJECT, message: BODY, orderId: order.orderId }),
      meta({ ip: IP }),
    );
    const items = await db().orderItem.findMany({ where: { orderId: order.orderId }, select: { id: true } });
    await requestRefund(
      buyer,
      parseOrThrow(ZRefundRequestInput, {
        orderId: order.orderId,
        itemIds: items.map((i) => i.id),
        reason: "other",
        note: NOTE,
        idempotencyKey: newIdempotencyKey(),
      }),
      meta({ ip: IP }),
    );
    await requestSignInLink({ email: EMAIL }, meta({ ip: IP }));
    // The look-up task runs, then the sign-in mail it queued is "sent" (to the dev mailbox).
    for (let i = 0; i < 3; i++) await processOutboxBatch({ workerId: "test" });
    const link = await db().verificationToken.count({ where: { purpose: { not: "agent_setup" } } });
    expect(link).toBeGreaterThan(0);

    const tables = Object.keys(COLUMNS).concat(["OrderItem", "RefundItem", "RateLimit", "IdempotencyKey", "Setting"]);
    const dump: Record<string, TRawRow[]> = {};
    for (const table of tables) dump[table] = await rawRows(table);
    const json = (value: unknown) =>
      JSON.stringify(value, (_key, v: unknown) => (typeof v === "bigint" ? String(v) : v));
    const raw = json(dump);
    for (const secret of [EMAIL, "Zelda.Quill", NAME, "Quillfeather", PHONE, STREET, KEY, SUBJECT, BODY, NOTE]) {
      expect(raw.includes(secret), `plaintext "${secret}" in the database`).toBe(false);
    }
    // The client's address is sealed in sessions and audit events, and rate-limit rows name it only
    // by a keyed index ("lookup:ip:<hmac>").
    expect(dump["RateLimit"]?.length, "the look-up was rate-limited by IP").toBeGreaterThan(0);
    expect(raw.includes(IP), "plaintext IP in the database").toBe(false);

    // Each encrypted value opens under its own context only, and holds what the use case was given.
    const opened = new Map<string, string[]>();
    for (const [table, columns] of Object.entries(COLUMNS)) {
      for (const row of dump[table] ?? []) {
        for (const [column, context] of Object.entries(columns)) {
          const value = row[column];
          if (value === null || value === undefined) continue;
          if (typeof value !== "string") throw new Error(`${table}.${column} is not text`);
          expect(value.startsWith("v1."), `${table}.${column} is sealed`).toBe(true);
          const own = typeof context === "function" ? context(row) : context;
          const plain = opensOnlyUnder(value, own);
          opened.set(`${table}.${column}`, [...(opened.get(`${table}.${column}`) ?? []), plain]);
        }
      }
    }
    const lower = (values: string[] | undefined) => values?.map((v) => v.toLowerCase());
    expect(lower(opened.get("Customer.emailEnc"))).toEqual([EMAIL]);
    expect(opened.get("Customer.nameEnc")).toEqual([NAME]);
    expect(opened.get("Customer.phoneEnc")?.[0]).toBeDefined();
    expect(opened.get("Customer.addressEnc")?.[0]).toContain(STREET);
    expect(lower(opened.get("Order.emailEnc"))).toEqual([EMAIL]);
    expect(opened.get("LicenseKey.keyEnc")).toEqual([KEY]);
    expect(opened.get("Ticket.subjectEnc")).toEqual([SUBJECT]);
    expect(lower(opened.get("Ticket.emailEnc"))).toEqual([EMAIL]);
    expect(opened.get("TicketMessage.bodyEnc")).toEqual([BODY]);
    expect(opened.get("RefundRequest.noteEnc")).toEqual([NOTE]);
    expect(opened.get("Session.ipEnc")).toEqual([IP]);
    expect(opened.get("AuditEvent.ipEnc")).toContain(IP);
    expect(opened.get("VerificationToken.payloadEnc")?.join().toLowerCase()).toContain(EMAIL);
    // The task carried the address, and the mailed link went out through the outbox, both sealed.
    const signInMail = opened
      .get("OutboxMessage.payloadEnc")
      ?.find((p) => p.toLowerCase().includes(EMAIL) && p.includes("/lookup/verify"));
    const token = /token=([\w-]{20,})/.exec(signInMail ?? "")?.[1];
    expect(token, "the sign-in link went out through the outbox").toBeDefined();
    expect(raw.includes(token ?? "-"), "the sign-in link's token in clear").toBe(false);
    // Look-ups go through keyed blind indexes, not the plaintext.
    expect(raw).toContain(emailIndex(EMAIL));
    expect(raw).toContain(licenseKeyIndex(KEY));
  });

  it("keeps store secrets, raw deliveries and store customers sealed after real deliveries", async () => {
    const secret = "pdl_ntfset_crypto_at_rest_first_0123";
    const rotated = "pdl_ntfset_crypto_at_rest_second_4567";
    const apiKey = "pdl_apikey_crypto_at_rest_89ab";
    const email = "yara.storefront@example.com";
    const name = "Yara Storefront";
    const store = await givenStore("paddle", { secret, apiKey });
    await rotateStoreSecret(await givenAgent("admin"), { storeId: store.id, secret: rotated }, meta());
    const fixture = (file: string) =>
      fs
        .readFileSync(path.resolve(import.meta.dirname, "../fixtures/stores/paddle", file), "utf8")
        .replaceAll("anna.schmidt@example.com", email)
        .replaceAll("Anna Schmidt", name);
    for (const body of [fixture("customer-created.json"), fixture("transaction-completed.json")]) {
      const ts = Math.floor(Date.now() / 1000);
      const h1 = createHmac("sha256", rotated).update(`${ts}:${body}`).digest("hex");
      const response = await deliver(store.id, body, { "paddle-signature": `ts=${ts};h1=${h1}` });
      expect(response.status).toBe(200);
    }
    expect(await db().order.count({ where: { source: store.name } })).toBe(1);

    const columns: Record<string, Record<string, TEncryptionContext>> = {
      Store: { secretEnc: ENC.storeSecret, previousSecretEnc: ENC.storeSecret, apiKeyEnc: ENC.storeApiKey },
      StoreEvent: { payloadEnc: ENC.storeEventPayload },
      StoreCustomer: { detailsEnc: ENC.storeCustomerDetails },
    };
    const dump: Record<string, TRawRow[]> = {};
    for (const table of [...Object.keys(columns), "Order", "OrderItem"]) dump[table] = await rawRows(table);
    const raw = JSON.stringify(dump, (_key, v: unknown) => (typeof v === "bigint" ? String(v) : v));
    for (const plain of [secret, rotated, apiKey, email, name, "Storefront"]) {
      expect(raw.includes(plain), `plaintext "${plain}" in the database`).toBe(false);
    }
    const opened: Record<string, string[]> = {};
    for (const [table, byColumn] of Object.entries(columns)) {
      for (const row of dump[table] ?? []) {
        for (const [column, context] of Object.entries(byColumn)) {
          const value = row[column];
          if (typeof value !== "string") continue;
          expect(value.startsWith("v1."), `${table}.${column} is sealed`).toBe(true);
          (opened[`${table}.${column}`] ??= []).push(opensOnlyUnder(value, context));
        }
      }
    }
    expect(opened["Store.secretEnc"]).toEqual([rotated]);
    expect(opened["Store.previousSecretEnc"]).toEqual([secret]);
    expect(opened["Store.apiKeyEnc"]).toEqual([apiKey]);
    // The delivery is kept as JSON with the body's exact bytes in base64.
    const bodies = (opened["StoreEvent.payloadEnc"] ?? []).map((p) =>
      Buffer.from((JSON.parse(p) as { body: string }).body, "base64").toString("utf8"),
    );
    expect(bodies.some((body) => body.includes(email))).toBe(true);
    expect(opened["StoreCustomer.detailsEnc"]?.join()).toContain(email);
  });

  it("round-trips and refuses a ciphertext moved to another column", async () => {
    const sealed = encrypt("ada@example.com", ENC.customerEmail);
    expect(decrypt(sealed, ENC.customerEmail)).toBe("ada@example.com");
    expect(() => decrypt(sealed, ENC.customerName)).toThrow();
    await db().customer.create({
      data: { id: newId(), emailHash: emailIndex("Ada@Example.com "), emailEnc: sealed },
    });
    const found = await db().customer.findUnique({ where: { emailHash: emailIndex("ada@example.com") } });
    expect(found && decrypt(found.emailEnc, ENC.customerEmail)).toBe("ada@example.com");
    expect(licenseKeyIndex("12345-12345-12345-12345")).toBe(licenseKeyIndex(" 12345-12345-12345-12345"));
  });
});
