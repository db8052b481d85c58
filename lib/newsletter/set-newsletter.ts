import "server-only";
import { db } from "@/lib/db";
import { enqueueMail } from "@/lib/mail/enqueue-mail";
import { customerMailLocale } from "@/lib/mail/mail-context";
import { renderSlottedMailIn } from "@/lib/mail/slotted-render";
import { newsletterWelcomeMail } from "@/lib/mail/templates/newsletter-welcome";
import { AppError } from "@/lib/errors";
import type { TBuyerSession } from "@/lib/auth/types";
import type { TRequestMeta } from "@/lib/http/request-meta";
import type { TNewsletterChoiceInput } from "@/lib/newsletter/schemas";
import { applyNewsletterChoice } from "@/lib/newsletter/apply-newsletter-choice";
import { listUnsubscribeHeaders } from "@/lib/newsletter/list-unsubscribe";
import { unsubscribePageUrl } from "@/lib/newsletter/unsubscribe-token";

/**
 * `setNewsletter(buyer, input, meta)` — the newsletter toggle on /account. Subscribing mails a
 * welcome note — the one non-transactional mail Keydesk sends itself — which carries the one-click
 * unsubscribe headers and link.
 */
export async function setNewsletter(
  buyer: TBuyerSession,
  input: TNewsletterChoiceInput,
  meta: TRequestMeta,
): Promise<{ changed: boolean }> {
  const { customerId } = buyer;
  const changed = await db().$transaction(async (tx) => {
    const changedNow = await applyNewsletterChoice(
      tx,
      { customerId, subscribed: input.subscribed, via: "account" },
      meta,
    );
    if (changedNow && input.subscribed) {
      const unsubscribe = unsubscribePageUrl(customerId);
      const locale = await customerMailLocale(tx, customerId, meta.locale);
      const props = { unsubscribeUrl: unsubscribe };
      const kind = "newsletter.subscribed";
      const mail = await renderSlottedMailIn(tx, locale, kind, newsletterWelcomeMail, props, ["unsubscribeUrl"]);
      await enqueueMail(tx, {
        kind: "newsletter.subscribed",
        to: buyer.email,
        ...mail,
        headers: { ...mail.headers, ...listUnsubscribeHeaders(customerId) },
      });
    }
    return changedNow;
  });
  if (!changed) {
    const row = await db().customer.findUnique({ where: { id: customerId }, select: { erasedAt: true } });
    if (!row || row.erasedAt) throw new AppError("not_found", "Account not found.", { key: "accountNotFound" });
  }
  return { changed };
}
