import "server-only";
import { ENC } from "@/lib/crypto/contexts";
import { db } from "@/lib/db";
import { decrypt } from "@/lib/crypto/encryption";
import { hashToken } from "@/lib/crypto/tokens";
import { createBuyerSession } from "@/lib/auth/buyer-sessions";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { maskEmail } from "@/lib/buyers/email-address";
import { AppError, type TErrorKey } from "@/lib/errors";
import type { TRequestMeta } from "@/lib/http/request-meta";
import { ZSignInLinkPayload, ZSignInToken, type TSignInToken } from "@/lib/buyers/schemas";

export type TLinkState = "valid" | "expired" | "used" | "unknown";

async function findLink(token: string) {
  // From the link's URL: a token of the wrong shape is simply not a link we sent.
  if (!ZSignInToken.safeParse({ token }).success) return null;
  const row = await db().verificationToken.findUnique({ where: { tokenHash: hashToken(token) } });
  return row?.purpose === "buyer_sign_in" ? row : null;
}

/**
 * `describeSignInLink({ token })`: what a sign-in link is, without using it (GET of the link page
 * must not consume it: mail scanners open links). The address is shown masked. Records nothing.
 */
export async function describeSignInLink(input: {
  token: string;
}): Promise<{ state: TLinkState; maskedEmail?: string }> {
  const row = await findLink(input.token);
  if (!row) return { state: "unknown" };
  const email = row.payloadEnc
    ? ZSignInLinkPayload.parse(JSON.parse(decrypt(row.payloadEnc, ENC.verificationTokenPayload))).email
    : undefined;
  const state: TLinkState = row.usedAt ? "used" : row.expiresAt <= new Date() ? "expired" : "valid";
  // Only ever the masked address: an old link in a browser history must not reveal it.
  return { state, maskedEmail: email ? maskEmail(email) : undefined };
}

const LINK_KEYS = {
  expired: "signInLinkExpired",
  used: "signInLinkUsed",
  unknown: "signInLinkUnknown",
} as const satisfies Record<Exclude<TLinkState, "valid">, TErrorKey>;

export const LINK_MESSAGES: Record<Exclude<TLinkState, "valid">, string> = {
  expired: "This sign-in link has expired. Links work for a short time only — ask for a new one below.",
  used: "This sign-in link was already used. Each link works once — ask for a new one below.",
  unknown: "This sign-in link is not valid. It may have been copied incompletely — ask for a new one below.",
};

/**
 * `redeemSignInLink({ token }, meta)`: uses a sign-in link (the POST of the confirm button): burns
 * it atomically — a second use, even at the same moment, fails — and opens a buyer session (with
 * the client's IP and browser from `meta`) for the customer the link was sent to.
 */
export async function redeemSignInLink(input: TSignInToken, meta: TRequestMeta) {
  // Auth.js hands the posted token over as it came, so it is checked here.
  if (!ZSignInToken.safeParse(input).success)
    throw new AppError("unauthorized", LINK_MESSAGES.unknown, { key: "signInLinkUnknown" });
  const result = await db().$transaction(async (tx) => {
    const now = new Date();
    const tokenHash = hashToken(input.token);
    const burned = await tx.verificationToken.updateMany({
      where: { tokenHash, purpose: "buyer_sign_in", usedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    });
    if (burned.count !== 1) return null;
    const link = await tx.verificationToken.findUniqueOrThrow({ where: { tokenHash }, select: { identifier: true } });
    const customer = await tx.customer.findUnique({
      where: { emailHash: link.identifier },
      select: { id: true, erasedAt: true, locale: true },
    });
    if (!customer || customer.erasedAt)
      throw new AppError("unauthorized", LINK_MESSAGES.unknown, { key: "signInLinkUnknown" });
    // A buyer who never chose a language keeps the one they signed in with: later mails use it.
    if (customer.locale === null)
      await tx.customer.update({ where: { id: customer.id }, data: { locale: meta.locale } });
    const sessionToken = await createBuyerSession(tx, {
      customerId: customer.id,
      ip: meta.ip,
      userAgent: meta.userAgent,
    });
    await recordAuditEvent(
      {
        actorType: "customer",
        actorId: customer.id,
        customerId: customer.id,
        action: "buyer.sign_in",
        ip: meta.ip,
        userAgent: meta.userAgent,
      },
      tx,
    );
    return { customerId: customer.id, sessionToken };
  });
  if (!result) {
    // Explained outside the transaction: SQLite has one connection, busy until the transaction ends.
    const { state } = await describeSignInLink(input);
    const problem = state === "valid" ? "used" : state;
    throw new AppError("unauthorized", LINK_MESSAGES[problem], { key: LINK_KEYS[problem] });
  }
  return result;
}
