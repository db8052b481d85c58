import "server-only";
import { Action, MailLayout, P } from "@/lib/mail/layout";
import { type TMailContext, type TMailView } from "@/lib/mail/mail-context";

export type TRefundMailKind = "received" | "approved" | "denied";

/** A refund notification: the order number and a link to the order page, nothing else. */
export function refundMail(
  ctx: TMailContext,
  props: { kind: TRefundMailKind; orderNumber: string; orderUrl: string },
): TMailView {
  const { t } = ctx;
  const k = props.kind;
  const heading = t(`refund.${k}Heading`);
  return {
    subject: t(`refund.${k}Subject`),
    element: (
      <MailLayout
        ctx={ctx}
        preheader={heading}
        heading={heading}
        reason={t("refund.reason", { vendor: ctx.brand.name })}
      >
        <P>{t(`refund.${k}Text`, { number: props.orderNumber })}</P>
        <Action ctx={ctx} label={t("refund.button")} url={props.orderUrl} />
        <P>{t("refund.signInHint")}</P>
      </MailLayout>
    ),
  };
}
