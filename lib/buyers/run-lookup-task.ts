import "server-only";
import { ENC } from "@/lib/crypto/contexts";
import { z } from "zod";
import { db } from "@/lib/db";
import { emailIndex } from "@/lib/crypto/blind-index";
import { encrypt } from "@/lib/crypto/encryption";
import { hashToken, newId, randomToken } from "@/lib/crypto/tokens";
import { enqueueMail } from "@/lib/mail/enqueue-mail";
import { mailLocale } from "@/lib/mail/mail-context";
import { renderSlottedMailIn } from "@/lib/mail/slotted-render";
import { signInLinkMail } from "@/lib/mail/templates/sign-in-link";
import { env } from "@/lib/env";

// `locale`: the visitor's language at the look-up (tasks queued before it existed have none → English).
const ZPayload = z.object({ email: z.email(), requestedAt: z.iso.datetime(), locale: z.string().max(35).optional() });

/**
 * `runBuyerLookupTask(payload)` — the worker side of "find my orders" (the payload is read back
 * from the task queue, so it is parsed): when the address has orders, creates a single-use sign-in
 * token (stored as a keyed hash) and queues the mail with the link, in one transaction. Otherwise
 * nothing happens. A look-up older than the link lifetime is dropped rather than mailed late.
 */
export async function runBuyerLookupTask(rawPayload: unknown): Promise<void> {
  const { email, requestedAt, locale } = ZPayload.parse(rawPayload);
  if (Date.now() - new Date(requestedAt).getTime() > env().signInLinkMs) return;
  const identifier = emailIndex(email);
  const customer = await db().customer.findUnique({
    where: { emailHash: identifier },
    // One order is enough to know (a `_count` would count every order in the table, grouped).
    select: { id: true, erasedAt: true, orders: { select: { id: true }, take: 1 } },
  });
  if (!customer || customer.erasedAt || customer.orders.length === 0) return;

  const token = randomToken();
  const minutes = Math.round(env().signInLinkMs / 60_000);
  const url = `${env().appUrl}/lookup/verify?token=${encodeURIComponent(token)}`;
  // Rendered once per language and brand; each look-up only fills in its link.
  const mail = await renderSlottedMailIn(
    undefined,
    mailLocale(locale),
    "buyer.sign_in_link",
    signInLinkMail,
    { url, minutes },
    ["url"],
  );
  await db().$transaction(async (tx) => {
    await tx.verificationToken.create({
      data: {
        id: newId(),
        tokenHash: hashToken(token),
        purpose: "buyer_sign_in",
        identifier,
        payloadEnc: encrypt(JSON.stringify({ email }), ENC.verificationTokenPayload),
        expiresAt: new Date(Date.now() + env().signInLinkMs),
      },
    });
    await enqueueMail(tx, { kind: "buyer.sign_in_link", to: email, ...mail });
  });
}
