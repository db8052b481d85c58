import Link from "next/link";
import type { TAgentTicket } from "@/lib/tickets/get-ticket-for-agent";
import { Badge, StatusBadge } from "@/app/_components/badge";
import { Card } from "@/app/_components/card";
import { formatDate, formatMoney } from "@/app/_components/format";

/** The buyer's orders beside the thread: items with their keys' state, and refund requests. */
export function CustomerOrders({
  orders,
  linkedOrderId,
}: {
  orders: TAgentTicket["orders"];
  linkedOrderId: string | null;
}) {
  return (
    <Card
      title="Orders"
      headingLevel={2}
      description={orders.length ? undefined : "No orders for this customer or address."}
    >
      {orders.length ? (
        <ul className="plain-list stack">
          {orders.map((o) => (
            <li key={o.id} className="stack stack--sm">
              <div className="cluster">
                <Link className="link" href={`/agent/orders/${o.id}`}>
                  Order {o.number}
                </Link>
                <StatusBadge value={o.status} />
                {o.id === linkedOrderId ? <Badge tone="info">This ticket</Badge> : null}
              </div>
              <div className="small muted">
                {o.source} · {formatDate(o.placedAt)} · {formatMoney(o.totalAmount, o.currency)}
              </div>
              <ul className="plain-list small">
                {o.items.map((i) => (
                  <li key={i.id}>
                    {i.quantity} × {i.name} — keys: {i.activeKeys} active
                    {i.revokedKeys ? `, ${i.revokedKeys} revoked` : ""}
                    {i.status === "refunded" ? " · refunded" : ""}
                  </li>
                ))}
              </ul>
              {o.refunds.map((r) => (
                <div key={r.id} className="cluster small">
                  Refund request {formatMoney(r.amount, o.currency)} · {formatDate(r.createdAt)}{" "}
                  <StatusBadge value={r.status} />
                </div>
              ))}
            </li>
          ))}
        </ul>
      ) : null}
    </Card>
  );
}
