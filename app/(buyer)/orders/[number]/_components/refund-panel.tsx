import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import type { TRefundPanel, TRefundPanelRequest } from "@/lib/refunds/get-refund-panel";
import { Alert } from "@/app/_components/alert";
import { StatusBadge } from "@/app/_components/badge";
import { Card } from "@/app/_components/card";
import { formatterFor } from "@/app/_components/format";
import { RefundCancelForm } from "./refund-cancel-form";
import { REFUND_REASONS } from "@/lib/refunds/schemas";
import { RefundForm } from "./refund-form";

const SHOWN_REQUESTS = 3;

/** The order page's refund section: the buyer's requests with their status and the form for a new one. */
export function RefundPanel({ panel, idempotencyKey }: { panel: TRefundPanel; idempotencyKey: string }) {
  const t = useTranslations("order.refund");
  const format = formatterFor(useLocale());
  const open = panel.items.filter((item) => item.blocked === null);
  const late = panel.items.filter((item) => item.blocked === "window_passed");
  const requests = panel.requests.filter((r) => r.status !== "cancelled").slice(0, SHOWN_REQUESTS);
  return (
    <Card title={t("title")} description={open.length > 0 ? t("description") : undefined}>
      <div className="stack">
        {requests.map((request) => (
          <RefundStatus key={request.id} request={request} currency={panel.currency} orderNumber={panel.orderNumber} />
        ))}
        {late.length > 0 ? (
          <Alert tone="warning" title={t("windowEnded")}>
            <ul className="plain-list">
              {late.map((item) => (
                <li key={item.id}>
                  {t("windowItem", { product: item.name, days: item.windowDays, date: format.date(item.windowEndsAt) })}
                </li>
              ))}
            </ul>
            <p>{t("supportCanLook")}</p>
            <p>
              <Link className="link" href={panel.supportUrl}>
                {t("openTicket")}
              </Link>
            </p>
          </Alert>
        ) : null}
        {open.length > 0 ? (
          <RefundForm
            orderId={panel.orderId}
            orderNumber={panel.orderNumber}
            idempotencyKey={idempotencyKey}
            suggestedReason={panel.suggestedReason}
            reasons={REFUND_REASONS.map((reason) => ({ value: reason, label: t(`reasons.${reason}`) }))}
            items={open.map((item) => ({
              id: item.id,
              label: t("itemLabel", {
                quantity: item.quantity,
                product: item.name,
                amount: format.money(item.amount, panel.currency),
              }),
              hint: item.duplicateOf
                ? t("itemHintRepeat", {
                    number: item.duplicateOf.number,
                    date: format.date(item.duplicateOf.placedAt),
                    until: format.date(item.windowEndsAt),
                  })
                : t("itemHint", { until: format.date(item.windowEndsAt) }),
              duplicate: item.duplicateOf !== null,
            }))}
            duplicateOf={open.find((item) => item.duplicateOf)?.duplicateOf ?? null}
          />
        ) : requests.length === 0 && late.length === 0 ? (
          <p className="muted">{t("nothingLeft")}</p>
        ) : null}
      </div>
    </Card>
  );
}

function RefundStatus({
  request,
  currency,
  orderNumber,
}: {
  request: TRefundPanelRequest;
  currency: string;
  orderNumber: string;
}) {
  const t = useTranslations("order.refund");
  const format = formatterFor(useLocale());
  const moneyBack = request.gatewayStatus === "processed" || request.gatewayStatus === "by_store";
  return (
    <section className="stack stack--sm" aria-label={t("requestOf", { date: format.date(request.createdAt) })}>
      <div className="cluster">
        <StatusBadge value={request.status === "pending" ? "refund_requested" : request.status} />
        {request.status === "approved" && request.gatewayStatus ? (
          <StatusBadge value={request.gatewayStatus === "by_store" ? "processed" : request.gatewayStatus} />
        ) : null}
      </div>
      <p className="small">
        {t("requestedFor", {
          date: format.date(request.createdAt),
          items: request.itemNames.join(", "),
          amount: format.money(request.amount, currency),
          reason: t(`reasons.${request.reason}`),
        })}
      </p>
      {request.status === "pending" ? (
        <>
          <p className="small muted">{t("pendingText")}</p>
          <RefundCancelForm refundId={request.id} orderNumber={orderNumber} />
        </>
      ) : null}
      {request.status === "approved" ? (
        <p className="small">
          {t(moneyBack ? "approvedMoneyBack" : "approvedSending", {
            date: request.decidedAt ? format.date(request.decidedAt) : "",
          })}
        </p>
      ) : null}
      {request.decisionNote ? (
        <p className="small">
          <strong>{t(request.status === "denied" ? "declinedWhy" : "teamNote")}</strong> {request.decisionNote}
        </p>
      ) : null}
    </section>
  );
}
