import "server-only";
import { db } from "@/lib/db";
import { emailIndex } from "@/lib/crypto/blind-index";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { enforceRateLimit, type TLimit } from "@/lib/ratelimit/consume";
import { AppError, fieldErrorsOf } from "@/lib/errors";
import type { TBuyerSession } from "@/lib/auth/types";
import { ZEmailChange } from "@/lib/accounts/schemas";
import { ADDRESS_TAKEN_MESSAGE } from "@/lib/accounts/move-customer-email";
import { CONFIRM_LINK_MS, createLink } from "@/lib/accounts/email-change-links";
import { queueConfirmMail } from "@/lib/accounts/email-change-mails";

export const EMAIL_CHANGE_LIMIT: TLimit = { name: "email-change:customer", max: 5, windowSeconds: 3600 };
export const EMAIL_CHANGE_TARGET_LIMIT: TLimit = { name: "email-change:target", max: 3, windowSeconds: 3600 };

/**
 * A signed-in buyer asks to move their account to a new address: a single-use 15-minute link is
 * mailed to the NEW address (nothing changes until it is confirmed from there). An address that
 * belongs to another customer is refused without saying whose it is.
 */
export async function requestEmailChange(input: { buyer: TBuyerSession; email: unknown; ip?: string | null; userAgent?: string | null }): Promise<{ to: string }> {
  const parsed = ZEmailChange.safeParse({ email: input.email });
  if (!parsed.success) throw new AppError("invalid_input", "Enter a valid e-mail address.", { fieldErrors: fieldErrorsOf(parsed.error.issues) });
  const to = parsed.data.email;
  const { customerId } = input.buyer;
  if (emailIndex(to) === emailIndex(input.buyer.email)) {
    throw new AppError("invalid_input", "That is already your address.", { fieldErrors: { email: ["This is the address you use now"] } });
  }
  await enforceRateLimit(EMAIL_CHANGE_LIMIT, customerId);
  await enforceRateLimit(EMAIL_CHANGE_TARGET_LIMIT, emailIndex(to));
  const taken = await db().customer.findUnique({ where: { emailHash: emailIndex(to) }, select: { id: true } });
  if (taken) throw new AppError("conflict", ADDRESS_TAKEN_MESSAGE, { fieldErrors: { email: [ADDRESS_TAKEN_MESSAGE] } });
  await db().$transaction(async (tx) => {
    const payload = { customerId, from: input.buyer.email, to, sessionId: input.buyer.sessionId, agentId: null };
    const link = await createLink(tx, "email_change", to, payload, CONFIRM_LINK_MS);
    await queueConfirmMail(tx, { to, token: link.token, ttlMs: CONFIRM_LINK_MS, byAgent: false });
    await recordAuditEvent(
      {
        actorType: "customer",
        actorId: customerId,
        customerId,
        action: "account.email_change_requested",
        targetType: "customer",
        targetId: customerId,
        ip: input.ip,
        userAgent: input.userAgent,
        metadata: { by: "customer", linkId: link.id },
      },
      tx,
    );
  });
  return { to };
}
