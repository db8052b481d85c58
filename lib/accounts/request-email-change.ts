import "server-only";
import { db } from "@/lib/db";
import { emailIndex } from "@/lib/crypto/blind-index";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { enforceRateLimit, type TLimit } from "@/lib/ratelimit/consume";
import { AppError } from "@/lib/errors";
import type { TBuyerSession } from "@/lib/auth/types";
import type { TRequestMeta } from "@/lib/http/request-meta";
import type { TEmailChangeInput } from "@/lib/accounts/schemas";
import { CONFIRM_LINK_MS, createLink } from "@/lib/accounts/email-change-links";
import { queueAddressTakenNotice, queueConfirmMail } from "@/lib/accounts/email-change-mails";

export const EMAIL_CHANGE_LIMIT: TLimit = { name: "email-change:customer", max: 5, windowSeconds: 3600 };
export const EMAIL_CHANGE_TARGET_LIMIT: TLimit = { name: "email-change:target", max: 3, windowSeconds: 3600 };

/**
 * `requestEmailChange(buyer, input, meta)` — a signed-in buyer asks to move their account to a new
 * address: a single-use 15-minute link is mailed to the NEW address (nothing changes until it is
 * confirmed from there). When the address belongs to another customer, that address gets a notice
 * instead of a link and the requester sees the same answer — the page never tells whether an
 * address is a customer.
 */
export async function requestEmailChange(
  buyer: TBuyerSession,
  input: TEmailChangeInput,
  meta: TRequestMeta,
): Promise<{ to: string }> {
  const to = input.email;
  const { customerId } = buyer;
  if (emailIndex(to) === emailIndex(buyer.email)) {
    throw new AppError("invalid_input", "That is already your address.", {
      fieldErrors: { email: ["This is the address you use now"] },
      key: "sameEmail",
      fieldKeys: { email: "sameEmailField" },
    });
  }
  await enforceRateLimit(EMAIL_CHANGE_LIMIT, customerId);
  await enforceRateLimit(EMAIL_CHANGE_TARGET_LIMIT, emailIndex(to));
  const taken = await db().customer.findUnique({ where: { emailHash: emailIndex(to) }, select: { id: true } });
  await db().$transaction(async (tx) => {
    let linkId: string | null = null;
    if (taken) {
      await queueAddressTakenNotice(tx, { to, customerId: taken.id });
    } else {
      const payload = { customerId, from: buyer.email, to, sessionId: buyer.sessionId, agentId: null };
      const link = await createLink(tx, "email_change", to, payload, CONFIRM_LINK_MS);
      await queueConfirmMail(tx, {
        to,
        token: link.token,
        ttlMs: CONFIRM_LINK_MS,
        byAgent: false,
        customerId,
        requestLocale: meta.locale,
      });
      linkId = link.id;
    }
    await recordAuditEvent(
      {
        actorType: "customer",
        actorId: customerId,
        customerId,
        action: "account.email_change_requested",
        targetType: "customer",
        targetId: customerId,
        ip: meta.ip,
        userAgent: meta.userAgent,
        metadata: { by: "customer", linkId, addressTaken: Boolean(taken) },
      },
      tx,
    );
  });
  return { to };
}
