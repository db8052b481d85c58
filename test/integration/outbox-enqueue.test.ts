import { ENC } from "@/lib/crypto/contexts";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { newId } from "@/lib/crypto/tokens";
import { emailIndex } from "@/lib/crypto/blind-index";
import { encrypt } from "@/lib/crypto/encryption";
import { isAppError } from "@/lib/errors";
import { enqueueMail } from "@/lib/mail/enqueue-mail";
import { decryptOutboxMail } from "@/lib/mail/decrypt-outbox-mail";
import { renderMail } from "../helpers/render-mail";
import type { TMailInput } from "@/lib/mail/schemas";

const ADDRESS = "ada.lovelace@example.com";

function signInMail(to = ADDRESS) {
  const { html, text } = renderMail({
    heading: "Your orders at Keydesk",
    paragraphs: ["Use the button below to see your orders."],
    action: { label: "Show my orders", url: "https://desk.example.com/sign-in?token=abc" },
  });
  return { kind: "auth.sign_in_link", to, subject: "Your sign-in link", text, html };
}

describe("enqueueMail (transactional outbox)", () => {
  it("writes nothing when the caller's transaction rolls back", async () => {
    await expect(
      db().$transaction(async (tx) => {
        await tx.customer.create({
          data: { id: newId(), emailHash: emailIndex(ADDRESS), emailEnc: encrypt(ADDRESS, ENC.customerEmail) },
        });
        await enqueueMail(tx, signInMail());
        throw new Error("the change failed after the mail was queued");
      }),
    ).rejects.toThrow("the change failed");
    expect(await db().outboxMessage.count()).toBe(0);
    expect(await db().customer.count()).toBe(0);
  });

  it("commits the mail with the change, encrypted, with the configured attempts", async () => {
    const { id } = await db().$transaction(async (tx) => {
      await tx.customer.create({
        data: { id: newId(), emailHash: emailIndex(ADDRESS), emailEnc: encrypt(ADDRESS, ENC.customerEmail) },
      });
      return enqueueMail(tx, signInMail());
    });
    expect(await db().customer.count()).toBe(1);

    const row = await db().outboxMessage.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({
      channel: "mail",
      kind: "auth.sign_in_link",
      status: "pending",
      attempts: 0,
      maxAttempts: env().mailMaxAttempts,
    });
    // The secret column is left out unless a query asks for it.
    expect("payloadEnc" in row).toBe(false);

    // A dump of the table shows neither the recipient nor the subject or the link.
    const raw = await db().$queryRawUnsafe<Record<string, unknown>[]>(`SELECT * FROM "OutboxMessage"`);
    const dump = JSON.stringify(raw);
    expect(raw).toHaveLength(1);
    expect(dump).not.toContain("ada.lovelace");
    expect(dump).not.toContain("sign-in link");
    expect(dump).not.toContain("token=abc");

    const sealed = await db().outboxMessage.findUniqueOrThrow({ where: { id }, omit: { payloadEnc: false } });
    expect(sealed.payloadEnc).toMatch(/^v1\./);
    expect(decryptOutboxMail(sealed.payloadEnc)).toMatchObject({ to: ADDRESS, subject: "Your sign-in link" });
  });

  it("refuses a malformed mail with field errors instead of queueing it", async () => {
    const attempts: (TMailInput & { field: string })[] = [
      { ...signInMail("not-an-address"), field: "to" },
      { ...signInMail(), subject: "Hello\r\nBcc: victim@example.com", field: "subject" },
      { ...signInMail(), headers: { Bcc: "victim@example.com" }, field: "headers.Bcc" },
      {
        ...signInMail(),
        headers: { "List-Unsubscribe": "<https://x>\r\nBcc: v@example.com" },
        field: "headers.List-Unsubscribe",
      },
      { ...signInMail(), kind: "Bad Kind", field: "kind" },
    ];
    for (const { field, ...mail } of attempts) {
      const error: unknown = await db()
        .$transaction((tx) => enqueueMail(tx, mail))
        .catch((e: unknown) => e);
      expect(isAppError(error) && error.code).toBe("invalid_input");
      expect(isAppError(error) && Object.keys(error.fieldErrors ?? {})).toContain(field);
    }
    expect(await db().outboxMessage.count({ where: { kind: { not: "auth.sign_in_link" } } })).toBe(0);
  });
});
