import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import type { TBuyerOrderSummary } from "@/lib/orders/buyer-order-dto";
import { formatterFor } from "@/app/_components/format";
import { OrderStatus } from "./order-status";

// Layout not covered by the shared classes: number and items on the left, amount and status on the
// right, wrapping below each other on narrow screens.
const ROW = {
  display: "flex",
  flexWrap: "wrap",
  gap: "var(--space-3) var(--space-5)",
  justifyContent: "space-between",
  alignItems: "flex-start",
} as const;
const END = {
  display: "flex",
  flexDirection: "column",
  alignItems: "flex-end",
  gap: "var(--space-2)",
  marginInlineStart: "auto",
} as const;

/** One order in the buyer's list: number (the link), date and source, items × quantity, amount, status. */
export function OrderCard({ order, href }: { order: TBuyerOrderSummary; href: string }) {
  const t = useTranslations("orders");
  const format = formatterFor(useLocale());
  return (
    <li className="card">
      <div className="card__body" style={ROW}>
        <div className="stack stack--sm">
          <h2 className="card__title">
            <Link className="link" href={href}>
              {t("orderNumber", { number: order.number })}
            </Link>
          </h2>
          <p className="small muted">{t("placedVia", { date: format.date(order.placedAt), source: order.source })}</p>
          <ul className="plain-list">
            {order.items.map((item) => (
              <li key={item.id}>
                {item.name} <span className="muted">× {item.quantity}</span>
              </li>
            ))}
          </ul>
        </div>
        <div style={END}>
          <strong>{format.money(order.totalAmount, order.currency)}</strong>
          <OrderStatus status={order.status} refundRequested={order.refundRequested} />
        </div>
      </div>
    </li>
  );
}
