import "server-only";
import type { TTx } from "@/lib/db";
import { env } from "@/lib/env";
import { enqueueMail } from "@/lib/mail/enqueue-mail";
import { renderMail } from "@/lib/mail/render";

/** Queues the "confirm your new address" mail (to the NEW address) with its single-use link. */
export async function queueConfirmMail(
  tx: TTx,
  input: { to: string; token: string; ttlMs: number; byAgent: boolean },
): Promise<void> {
  const url = `${env().appUrl}/email-change/confirm?token=${encodeURIComponent(input.token)}`;
  const duration =
    input.ttlMs >= 3_600_000
      ? `${Math.round(input.ttlMs / 3_600_000)} hours`
      : `${Math.round(input.ttlMs / 60_000)} minutes`;
  const body = renderMail({
    preheader: `Confirm your new e-mail address within ${duration}.`,
    heading: "Confirm your new e-mail address",
    paragraphs: [
      input.byAgent
        ? "Our support team is correcting the e-mail address of your orders to this address, as you asked."
        : "You asked to use this address for your orders, licence keys and support tickets from now on.",
      "Nothing changes until you confirm.",
    ],
    action: { label: "Confirm this address", url },
    after: [
      `The link works once, for ${duration}. After you open it, confirm with one more click.`,
      "If you did not ask for this, ignore this e-mail: nothing changes.",
    ],
  });
  await enqueueMail(tx, {
    kind: "account.email_change_confirm",
    to: input.to,
    subject: "Confirm your new e-mail address",
    ...body,
  });
}

/** Queues the notice to the OLD address after a change; with an undo link when the buyer made the change. */
export async function queueChangedNotice(
  tx: TTx,
  input: { to: string; newAddressMasked: string; undoToken: string | null },
): Promise<void> {
  const undo = input.undoToken
    ? `${env().appUrl}/email-change/undo?token=${encodeURIComponent(input.undoToken)}`
    : null;
  const body = renderMail({
    preheader: "The e-mail address of your orders was changed.",
    heading: "Your e-mail address was changed",
    paragraphs: [
      `Your orders, licence keys and support tickets now belong to ${input.newAddressMasked}. This address no longer signs in to them.`,
      undo
        ? "If you did not make this change, undo it with the button below: the old address is restored and everyone signed in is signed out."
        : "Our support team made this correction after checking who you are. If it is wrong, contact support.",
    ],
    ...(undo ? { action: { label: "Undo this change", url: undo } } : {}),
    after: undo ? ["The undo link works once, for 7 days."] : [],
  });
  await enqueueMail(tx, {
    kind: "account.email_changed_notice",
    to: input.to,
    subject: "Your e-mail address was changed",
    ...body,
  });
}

/**
 * Queues, instead of a confirm link, a notice to an address that already belongs to another
 * customer: the requester is told the same as for a free address, so the page reveals nothing.
 */
export async function queueAddressTakenNotice(tx: TTx, input: { to: string }): Promise<void> {
  const body = renderMail({
    preheader: "Someone asked to use this address for another account.",
    heading: "This address already has orders",
    paragraphs: [
      "Someone asked to move another account's orders to this e-mail address. This address already has orders of its own, so nothing was changed.",
      "If that was you and you want the two accounts merged, contact support. Otherwise ignore this e-mail.",
    ],
    action: { label: "Contact support", url: `${env().appUrl}/support/new?category=account_change` },
  });
  await enqueueMail(tx, {
    kind: "account.email_change_taken",
    to: input.to,
    subject: "About a change of e-mail address",
    ...body,
  });
}
