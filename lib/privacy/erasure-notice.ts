import "server-only";
import type { TTx } from "@/lib/db";
import { enqueueMail } from "@/lib/mail/enqueue-mail";
import { renderMail } from "@/lib/mail/render";

/** Outbox kind of the notice; delivered notices are deleted (lib/privacy/purge-erasure-notices). */
export const ERASURE_NOTICE_KIND = "privacy.erasure_completed";

/** Queues the "your data was erased" notice to the address that is about to be erased. */
export async function queueErasureNotice(tx: TTx, input: { to: string; keepLicenseKeys: boolean }): Promise<void> {
  const body = renderMail({
    preheader: "Your personal data has been erased, as you asked.",
    heading: "Your personal data has been erased",
    paragraphs: [
      "As you asked, we erased your name, e-mail address, phone number, postal address, support conversations and sign-in history.",
      "Invoices and order amounts are kept without your personal details, as tax law requires.",
      input.keepLicenseKeys
        ? "Your licence keys stay valid, but you can no longer look them up here: keep a copy of them."
        : "Your licence keys have been deactivated.",
      "This is the last e-mail you will get from us at this address, and you can no longer sign in with it.",
    ],
    footer:
      "This notice was sent because you asked for your data to be erased. This copy of it is deleted from our systems once it has been sent.",
  });
  await enqueueMail(tx, {
    kind: ERASURE_NOTICE_KIND,
    to: input.to,
    subject: "Your personal data has been erased",
    ...body,
  });
}
