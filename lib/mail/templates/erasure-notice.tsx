import "server-only";
import { MailLayout, P } from "@/lib/mail/layout";
import { type TMailContext, type TMailView } from "@/lib/mail/mail-context";

/** "Your data was erased": no link — the address is about to be forgotten. */
export function erasureNoticeMail(ctx: TMailContext, props: { keepLicenseKeys: boolean }): TMailView {
  const { t } = ctx;
  return {
    subject: t("erasure.subject"),
    element: (
      <MailLayout
        ctx={ctx}
        preheader={t("erasure.preheader")}
        heading={t("erasure.heading")}
        reason={t("erasure.reason")}
      >
        <P>{t("erasure.erased")}</P>
        <P>{t("erasure.invoices")}</P>
        <P>{props.keepLicenseKeys ? t("erasure.keysKept") : t("erasure.keysDeactivated")}</P>
        <P>{t("erasure.last")}</P>
      </MailLayout>
    ),
  };
}
