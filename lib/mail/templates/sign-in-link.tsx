import "server-only";
import { Action, MailLayout, P } from "@/lib/mail/layout";
import { type TMailContext, type TMailView } from "@/lib/mail/mail-context";

/** "Find my orders": the single-use sign-in link (rendered by the worker per look-up). */
export function signInLinkMail(ctx: TMailContext, props: { url: string; minutes: number }): TMailView {
  const { t } = ctx;
  return {
    subject: t("signIn.subject"),
    element: (
      <MailLayout
        ctx={ctx}
        preheader={t("signIn.preheader", { minutes: props.minutes })}
        heading={t("signIn.heading")}
        reason={t("signIn.reason", { vendor: ctx.brand.name })}
      >
        <P>{t("signIn.intro")}</P>
        <Action ctx={ctx} label={t("signIn.button")} url={props.url} />
        <P>{t("signIn.expiry", { minutes: props.minutes })}</P>
        <P>{t("signIn.ignore")}</P>
      </MailLayout>
    ),
  };
}
