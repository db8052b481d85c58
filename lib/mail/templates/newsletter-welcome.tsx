import "server-only";
import { Action, MailLayout, P } from "@/lib/mail/layout";
import { type TMailContext, type TMailView } from "@/lib/mail/mail-context";

/** The newsletter welcome note, with the one-click unsubscribe link. */
export function newsletterWelcomeMail(ctx: TMailContext, props: { unsubscribeUrl: string }): TMailView {
  const { t } = ctx;
  const vendor = ctx.brand.name;
  return {
    subject: t("newsletter.subject"),
    element: (
      <MailLayout
        ctx={ctx}
        preheader={t("newsletter.preheader", { vendor })}
        heading={t("newsletter.heading")}
        reason={t("newsletter.reason")}
      >
        <P>{t("newsletter.text", { vendor })}</P>
        <P>{t("newsletter.unsubscribeText")}</P>
        <Action ctx={ctx} label={t("newsletter.button")} url={props.unsubscribeUrl} />
      </MailLayout>
    ),
  };
}
