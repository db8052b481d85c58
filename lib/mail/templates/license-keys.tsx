import "server-only";
import { Action, MailLayout, P } from "@/lib/mail/layout";
import { type TMailContext, type TMailView } from "@/lib/mail/mail-context";

export interface TKeysMailOrder {
  number: string;
  source: string;
  placedAt: Date;
  items: { name: string; keys: string[] }[];
}

/**
 * "Your licence keys": for each order its number, source and date, then each product with its
 * active keys. Deliberately nothing else about the buyer (no name, address or amounts).
 */
export function licenseKeysMail(
  ctx: TMailContext,
  props: { orders: TKeysMailOrder[]; scope: "order" | "all"; ordersUrl: string },
): TMailView {
  const { t } = ctx;
  const count = props.orders.reduce((sum, o) => sum + o.items.reduce((n, i) => n + i.keys.length, 0), 0);
  const first = props.orders[0];
  const intro =
    props.scope === "order" && first
      ? t("keys.introOrder", { count, number: first.number })
      : t("keys.introAll", { count });
  return {
    subject: t("keys.subject", { count }),
    element: (
      <MailLayout
        ctx={ctx}
        preheader={t("keys.preheader", { count })}
        heading={t("keys.heading")}
        reason={t("keys.reason", { vendor: ctx.brand.name })}
      >
        <P>{intro}</P>
        {props.orders.map((order) => (
          <P key={order.number}>
            {[
              t("keys.order", { number: order.number, source: order.source, date: ctx.date(order.placedAt) }),
              ...order.items.flatMap((item) => item.keys.map((key) => `${item.name}: ${key}`)),
            ].join("\n")}
          </P>
        ))}
        <Action ctx={ctx} label={t("keys.button")} url={props.ordersUrl} />
        <P>{t("keys.keepSafe")}</P>
        <P>{t("keys.notYou")}</P>
      </MailLayout>
    ),
  };
}
