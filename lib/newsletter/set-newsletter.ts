import "server-only";
import { db, type TTx } from "@/lib/db";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { enqueueMail } from "@/lib/mail/enqueue-mail";
import { renderMail } from "@/lib/mail/render";
import { AppError } from "@/lib/errors";
import type { TBuyerSession } from "@/lib/auth/types";
import { listUnsubscribeHeaders } from "@/lib/newsletter/list-unsubscribe";
import { unsubscribePageUrl } from "@/lib/newsletter/unsubscribe-token";

export type TNewsletterVia = "account" | "one_click" | "unsubscribe_page";

/**
 * Records a customer's newsletter choice (with the time, so an older order's choice never
 * overrides it) and audits it; returns whether it changed. Shared by the account page and the
 * unsubscribe endpoints.
 */
export async function applyNewsletterChoice(
  tx: TTx,
  input: {
    customerId: string;
    subscribed: boolean;
    via: TNewsletterVia;
    actor: "customer" | "system";
    ip?: string | null;
    userAgent?: string | null;
  },
): Promise<boolean> {
  const updated = await tx.customer.updateMany({
    where: { id: input.customerId, erasedAt: null, newsletter: !input.subscribed },
    data: { newsletter: input.subscribed, newsletterAt: new Date() },
  });
  if (updated.count === 0) return false;
  await recordAuditEvent(
    {
      actorType: input.actor,
      actorId: input.actor === "customer" ? input.customerId : null,
      customerId: input.customerId,
      action: "account.newsletter_changed",
      targetType: "customer",
      targetId: input.customerId,
      ip: input.ip,
      userAgent: input.userAgent,
      metadata: { subscribed: input.subscribed, via: input.via },
    },
    tx,
  );
  return true;
}

/**
 * The newsletter toggle on /account. Subscribing mails a welcome note — the one non-transactional
 * mail Keydesk sends itself — which carries the one-click unsubscribe headers and link.
 */
export async function setNewsletter(input: {
  buyer: TBuyerSession;
  subscribed: boolean;
  ip?: string | null;
  userAgent?: string | null;
}): Promise<{ changed: boolean }> {
  const { customerId } = input.buyer;
  const changed = await db().$transaction(async (tx) => {
    const changedNow = await applyNewsletterChoice(tx, {
      customerId,
      subscribed: input.subscribed,
      via: "account",
      actor: "customer",
      ip: input.ip,
      userAgent: input.userAgent,
    });
    if (changedNow && input.subscribed) {
      const unsubscribe = unsubscribePageUrl(customerId);
      const body = renderMail({
        preheader: "You will get the vendor's newsletter. Leave any time with one click.",
        heading: "You are subscribed to the newsletter",
        paragraphs: [
          "You will receive the vendor's news about updates and offers at this address.",
          "Changed your mind? Unsubscribe with one click — no sign-in needed.",
        ],
        action: { label: "Unsubscribe", url: unsubscribe },
        footer:
          "You get this e-mail because you subscribed to the newsletter on your account page. Unsubscribe any time with the link above.",
      });
      await enqueueMail(tx, {
        kind: "newsletter.subscribed",
        to: input.buyer.email,
        subject: "You are subscribed to the newsletter",
        ...body,
        headers: listUnsubscribeHeaders(customerId),
      });
    }
    return changedNow;
  });
  if (!changed) {
    const row = await db().customer.findUnique({ where: { id: customerId }, select: { erasedAt: true } });
    if (!row || row.erasedAt) throw new AppError("not_found", "Account not found.");
  }
  return { changed };
}
