import "server-only";
import { ENC } from "@/lib/crypto/contexts";
import { z } from "zod";
import { db } from "@/lib/db";
import { emailIndex } from "@/lib/crypto/blind-index";
import { encrypt } from "@/lib/crypto/encryption";
import { hashToken, newId, randomToken } from "@/lib/crypto/tokens";
import { enqueueMail } from "@/lib/mail/enqueue-mail";
import { renderMail } from "@/lib/mail/render";
import { env } from "@/lib/env";

const ZPayload = z.object({ email: z.email(), requestedAt: z.iso.datetime() });

/**
 * `runBuyerLookupTask(payload)` — the worker side of "find my orders" (the payload is read back
 * from the task queue, so it is parsed): when the address has orders, creates a single-use sign-in
 * token (stored as a keyed hash) and queues the mail with the link, in one transaction. Otherwise
 * nothing happens. A look-up older than the link lifetime is dropped rather than mailed late.
 */
export async function runBuyerLookupTask(rawPayload: unknown): Promise<void> {
  const { email, requestedAt } = ZPayload.parse(rawPayload);
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
  const body = renderMail({
    preheader: `Your link to see your orders works for ${minutes} minutes.`,
    heading: "Your orders are one click away",
    paragraphs: [
      "Someone — hopefully you — asked to see the orders, licence keys and downloads for this e-mail address.",
    ],
    action: { label: "See my orders", url },
    after: [
      `The link works once, for ${minutes} minutes. After you open it, confirm with one more click.`,
      "If you did not ask for this, ignore this e-mail: nothing happens and nobody else can use the link.",
    ],
  });
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
    await enqueueMail(tx, { kind: "buyer.sign_in_link", to: email, subject: "Your sign-in link", ...body });
  });
}
