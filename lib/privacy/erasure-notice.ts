import "server-only";
import type { TTx } from "@/lib/db";
import { enqueueMail } from "@/lib/mail/enqueue-mail";
import { mailLocale } from "@/lib/mail/mail-context";
import { renderSlottedMailIn } from "@/lib/mail/slotted-render";
import { erasureNoticeMail } from "@/lib/mail/templates/erasure-notice";

/** Outbox kind of the notice; delivered notices are deleted (lib/privacy/purge-erasure-notices). */
export const ERASURE_NOTICE_KIND = "privacy.erasure_completed";

/** Queues the "your data was erased" notice to the address that is about to be erased, in the customer's language. */
export async function queueErasureNotice(
  tx: TTx,
  input: { to: string; keepLicenseKeys: boolean; locale?: string | null },
): Promise<void> {
  const props = { keepLicenseKeys: input.keepLicenseKeys };
  const mail = await renderSlottedMailIn(
    tx,
    mailLocale(input.locale),
    ERASURE_NOTICE_KIND,
    erasureNoticeMail,
    props,
    [],
  );
  await enqueueMail(tx, { kind: ERASURE_NOTICE_KIND, to: input.to, ...mail });
}
