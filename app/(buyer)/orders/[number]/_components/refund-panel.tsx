import Link from "next/link";
import type { TRefundPanel, TRefundPanelRequest } from "@/lib/refunds/get-refund-panel";
import { Alert } from "@/app/_components/alert";
import { StatusBadge } from "@/app/_components/badge";
import { Card } from "@/app/_components/card";
import { formatDate, formatMoney } from "@/app/_components/format";
import { RefundCancelForm } from "./refund-cancel-form";
import { REFUND_REASONS, REFUND_REASON_LABELS } from "@/lib/refunds/schemas";
import { RefundForm } from "./refund-form";

const SHOWN_REQUESTS = 3;

/** The order page's refund section: the buyer's requests with their status and the form for a new one. */
export function RefundPanel({ panel, idempotencyKey }: { panel: TRefundPanel; idempotencyKey: string }) {
  const open = panel.items.filter((item) => item.blocked === null);
  const late = panel.items.filter((item) => item.blocked === "window_passed");
  const requests = panel.requests.filter((r) => r.status !== "cancelled").slice(0, SHOWN_REQUESTS);
  return (
    <Card
      title="Refund"
      description={
        open.length > 0 ? "Changed your mind or bought twice by mistake? Ask for your money back here." : undefined
      }
    >
      <div className="stack">
        {requests.map((request) => (
          <RefundStatus key={request.id} request={request} currency={panel.currency} orderNumber={panel.orderNumber} />
        ))}
        {late.length > 0 ? (
          <Alert tone="warning" title="Refund window ended">
            <p>
              {late
                .map((item) => `${item.name}: ${item.windowDays} days, ended ${formatDate(item.windowEndsAt)}`)
                .join("; ")}
              . Our support team can still look at your case.
            </p>
            <p>
              <Link className="link" href={panel.supportUrl}>
                Open a support ticket about this order
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
            reasons={REFUND_REASONS.map((reason) => ({ value: reason, label: REFUND_REASON_LABELS[reason] }))}
            items={open.map((item) => ({
              id: item.id,
              label: `${item.quantity > 1 ? `${item.quantity} × ` : ""}${item.name} (${formatMoney(item.amount, panel.currency)})`,
              hint: item.duplicateOf
                ? `Looks like a repeat of order ${item.duplicateOf.number} placed ${formatDate(item.duplicateOf.placedAt)}. Refundable until ${formatDate(item.windowEndsAt)}.`
                : `Refundable until ${formatDate(item.windowEndsAt)}.`,
              duplicate: item.duplicateOf !== null,
            }))}
            duplicateOf={open.find((item) => item.duplicateOf)?.duplicateOf ?? null}
          />
        ) : requests.length === 0 && late.length === 0 ? (
          <p className="muted">Nothing in this order can be refunded any more.</p>
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
  return (
    <section className="stack stack--sm" aria-label={`Refund request of ${formatDate(request.createdAt)}`}>
      <div className="cluster">
        <StatusBadge value={request.status === "pending" ? "refund_requested" : request.status} />
        {request.status === "approved" && request.gatewayStatus ? (
          <StatusBadge value={request.gatewayStatus === "by_store" ? "processed" : request.gatewayStatus} />
        ) : null}
      </div>
      <p className="small">
        Requested {formatDate(request.createdAt)} for {request.itemNames.join(", ")} (
        {formatMoney(request.amount, currency)}) · {REFUND_REASON_LABELS[request.reason]}
      </p>
      {request.status === "pending" ? (
        <>
          <p className="small muted">
            We will e-mail you when our team has decided. You can cancel the request until then.
          </p>
          <RefundCancelForm refundId={request.id} orderNumber={orderNumber} />
        </>
      ) : null}
      {request.status === "approved" ? (
        <p className="small">
          Approved {request.decidedAt ? formatDate(request.decidedAt) : ""}. The licence keys and downloads of the
          refunded items no longer work
          {request.gatewayStatus === "processed" || request.gatewayStatus === "by_store"
            ? "; the money is on its way back."
            : "; we are sending the money back."}
        </p>
      ) : null}
      {request.decisionNote ? (
        <p className="small">
          <strong>{request.status === "denied" ? "Why it was declined: " : "Note from our team: "}</strong>
          {request.decisionNote}
        </p>
      ) : null}
    </section>
  );
}
