import "server-only";
import type { TTx } from "@/lib/db";
import { env } from "@/lib/env";
import { enqueueMail } from "@/lib/mail/enqueue-mail";
import { customerMailLocale } from "@/lib/mail/mail-context";
import { renderSlottedMailIn } from "@/lib/mail/slotted-render";
import {
  emailChangeConfirmMail,
  emailChangedNoticeMail,
  emailChangeTakenMail,
} from "@/lib/mail/templates/email-change";

// Each mail is written in the language of the customer it concerns (else the requester's, else English).

/** Queues the "confirm your new address" mail (to the NEW address) with its single-use link. */
export async function queueConfirmMail(
  tx: TTx,
  input: { to: string; token: string; ttlMs: number; byAgent: boolean; customerId: string; requestLocale?: string },
): Promise<void> {
  const url = `${env().appUrl}/email-change/confirm?token=${encodeURIComponent(input.token)}`;
  const locale = await customerMailLocale(tx, input.customerId, input.requestLocale);
  const props = { url, ttlMs: input.ttlMs, byAgent: input.byAgent };
  const mail = await renderSlottedMailIn(tx, locale, "email_change.confirm", emailChangeConfirmMail, props, ["url"]);
  await enqueueMail(tx, { kind: "account.email_change_confirm", to: input.to, ...mail });
}

/** Queues the notice to the OLD address after a change; with an undo link when the buyer made the change. */
export async function queueChangedNotice(
  tx: TTx,
  input: { to: string; newAddressMasked: string; undoToken: string | null; customerId: string },
): Promise<void> {
  const undoUrl = input.undoToken
    ? `${env().appUrl}/email-change/undo?token=${encodeURIComponent(input.undoToken)}`
    : null;
  const locale = await customerMailLocale(tx, input.customerId);
  const mail = undoUrl
    ? await renderSlottedMailIn(
        tx,
        locale,
        "email_change.changed",
        emailChangedNoticeMail,
        { newAddressMasked: input.newAddressMasked, undoUrl },
        ["newAddressMasked", "undoUrl"],
      )
    : await renderSlottedMailIn(
        tx,
        locale,
        "email_change.changed",
        emailChangedNoticeMail,
        { newAddressMasked: input.newAddressMasked, undoUrl },
        ["newAddressMasked"],
      );
  await enqueueMail(tx, { kind: "account.email_changed_notice", to: input.to, ...mail });
}

/**
 * Queues, instead of a confirm link, a notice to an address that already belongs to another
 * customer (`customerId`: that owner): the requester is told the same as for a free address, so
 * the page reveals nothing.
 */
export async function queueAddressTakenNotice(tx: TTx, input: { to: string; customerId: string }): Promise<void> {
  const locale = await customerMailLocale(tx, input.customerId);
  const supportUrl = `${env().appUrl}/support/new?category=account_change`;
  const mail = await renderSlottedMailIn(tx, locale, "email_change.taken", emailChangeTakenMail, { supportUrl }, []);
  await enqueueMail(tx, { kind: "account.email_change_taken", to: input.to, ...mail });
}
