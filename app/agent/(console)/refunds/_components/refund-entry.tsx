import Link from "next/link";
import type { TQueueEntry } from "@/lib/refunds/list-refund-queue";
import { Alert } from "@/app/_components/alert";
import { Badge, StatusBadge } from "@/app/_components/badge";
import { Card } from "@/app/_components/card";
import { DataTable } from "@/app/_components/data-table";
import { DetailList } from "@/app/_components/detail-list";
import { formatDate, formatDateTime, formatMoney } from "@/app/_components/format";
import { DecisionForm } from "./decision-form";
import { ReferenceForm } from "./reference-form";

const REASONS: Record<TQueueEntry["reason"], string> = {
  duplicate: "Accidental duplicate order",
  not_working: "Not working / technical problem",
  not_as_described: "Not as described",
  other: "Other",
};

/** One refund request in the queue: order, items with usage evidence, reason, decision or its form. */
export function RefundEntry({ entry }: { entry: TQueueEntry }) {
  const money = (amount: number) => formatMoney(amount, entry.order.currency);
  const overdue = entry.items.filter((item) => entry.order.daysSincePurchase > item.windowDays);
  const earlierRefunds = entry.earlier.filter((e) => e.status === "approved");
  return (
    <Card
      headingLevel={3}
      title={`Order ${entry.order.number} · ${money(entry.amount)}`}
      description={`Requested ${formatDateTime(entry.createdAt)} · ${entry.order.source}`}
      actions={
        <>
          <StatusBadge value={entry.status} />
          {entry.gateway.status ? <StatusBadge value={entry.gateway.status} /> : null}
        </>
      }
    >
      <div className="stack">
        <DetailList
          items={[
            {
              term: "Reason",
              detail: entry.reason === "duplicate" ? <strong>{REASONS[entry.reason]}</strong> : REASONS[entry.reason],
            },
            { term: "Buyer's note", detail: entry.note ?? "—" },
            {
              term: "Since purchase",
              detail: `${entry.order.daysSincePurchase} days (placed ${formatDate(entry.order.placedAt)}) · window ${[...new Set(entry.items.map((i) => i.windowDays))].join(" / ")} days`,
            },
            {
              term: "Duplicate evidence",
              detail:
                entry.duplicates.length > 0 ? (
                  <ul className="plain-list">
                    {entry.duplicates.map((d) => (
                      <li key={d.orderItemId}>
                        {d.sku} also in{" "}
                        <Link className="link" href={`/agent/orders/${encodeURIComponent(d.other.orderId)}`}>
                          order {d.other.number}
                        </Link>{" "}
                        ({formatDateTime(d.other.placedAt)})
                      </li>
                    ))}
                  </ul>
                ) : (
                  "None found"
                ),
            },
            {
              term: "Earlier refunds",
              detail:
                earlierRefunds.length > 0
                  ? earlierRefunds.map((e) => `order ${e.orderNumber} (${formatDate(e.createdAt)})`).join(", ")
                  : "None",
            },
          ]}
        />
        {overdue.length > 0 ? (
          <Alert tone="warning">Outside the refund window: {overdue.map((i) => i.name).join(", ")}.</Alert>
        ) : null}
        <DataTable
          caption={`Items of order ${entry.order.number}`}
          captionHidden
          columns={[
            { label: "Item" },
            { label: "Amount", align: "end" },
            { label: "Keys revealed", align: "end" },
            { label: "Downloads", align: "end" },
          ]}
        >
          {entry.items.map((item) => (
            <tr key={item.orderItemId}>
              <th scope="row">
                {item.name} × {item.quantity}
                <div className="small muted mono">{item.sku}</div>
                {entry.status === "approved" && !item.approved ? <Badge tone="neutral">not refunded</Badge> : null}
              </th>
              <td className="text-end nowrap">{money(item.amount)}</td>
              <td className="text-end">{item.keysRevealed}</td>
              <td className="text-end">{item.downloads}</td>
            </tr>
          ))}
        </DataTable>
        <p className="small">
          <Link className="link" href={`/agent/orders/${encodeURIComponent(entry.order.id)}`}>
            Open order {entry.order.number}
          </Link>
        </p>
        {entry.firstApproval && entry.status === "pending" ? (
          <Alert tone="info" title="Waiting for a second admin">
            First approved by {entry.firstApproval.by} on {formatDateTime(entry.firstApproval.at)}. A different admin
            must confirm.
          </Alert>
        ) : null}
        {entry.status === "pending" ? (
          <DecisionForm
            refundId={entry.id}
            confirming={entry.firstApproval !== null}
            items={entry.items.map((item) => ({ id: item.orderItemId, label: `${item.name} (${money(item.amount)})` }))}
          />
        ) : null}
        {entry.decision ? (
          <p className="small">
            {entry.status === "approved" ? "Approved" : "Denied"} by {entry.decision.by}
            {entry.decision.at ? ` on ${formatDateTime(entry.decision.at)}` : ""}
            {entry.decision.note ? ` — “${entry.decision.note}”` : ""}
          </p>
        ) : null}
        {entry.gateway.reference ? (
          <p className="small">
            Processor reference: <span className="mono">{entry.gateway.reference}</span>
          </p>
        ) : null}
        {entry.gateway.status === "queued" || entry.gateway.status === "failed" ? (
          <p className="small">
            Refund webhook: {entry.gateway.attempts ?? 0} attempt(s)
            {entry.gateway.lastError ? ` · last error: ${entry.gateway.lastError}` : ""}
            {entry.gateway.status === "failed" ? " · see the outbox to retry" : ""}
          </p>
        ) : null}
        {entry.status === "approved" && entry.gateway.status === "awaiting_refund" ? (
          <ReferenceForm refundId={entry.id} />
        ) : null}
      </div>
    </Card>
  );
}
