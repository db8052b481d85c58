import type { Metadata } from "next";
import Link from "next/link";
import { requireAgent } from "@/lib/auth/guards";
import { getCustomerForAgent } from "@/lib/accounts/get-customer-for-agent";
import { currentRequestMeta } from "@/lib/http/request-meta";
import { orNotFound } from "@/lib/http/or-not-found";
import { Alert } from "@/app/_components/alert";
import { Badge, StatusBadge } from "@/app/_components/badge";
import { Card } from "@/app/_components/card";
import { DataTable } from "@/app/_components/data-table";
import { DetailList } from "@/app/_components/detail-list";
import { PageHeader } from "@/app/_components/page-header";
import { formatDate, formatDateTime, formatMoney } from "@/app/_components/format";
import { CorrectEmailForm } from "../_components/correct-email-form";

export const metadata: Metadata = { title: "Customer" };

export default async function AgentCustomerPage({ params }: { params: Promise<{ id: string }> }) {
  const agent = await requireAgent();
  const { id } = await params;
  // The view is audited (who opened whose data, from where): the one write this page makes.
  const customer = await orNotFound(getCustomerForAgent(agent, { customerId: id }, await currentRequestMeta()));
  return (
    <div className="stack stack--lg">
      <PageHeader
        eyebrow={
          <Link className="link" href="/agent/customers">
            ← Customers
          </Link>
        }
        title={customer.erasedAt ? "Erased customer" : (customer.name ?? customer.email ?? "Customer")}
        titleAddon={
          customer.erasedAt ? (
            <Badge tone="neutral">Erased</Badge>
          ) : customer.erasure?.status === "pending" ? (
            <Badge tone="warning">Erasure requested</Badge>
          ) : null
        }
        description={`Customer since ${formatDate(customer.createdAt)}. This view is recorded in the audit log.`}
      />
      {customer.erasedAt ? (
        <Alert tone="info">
          This customer's personal data was erased on {formatDate(customer.erasedAt)}. Orders remain for the books.
        </Alert>
      ) : null}
      <div className="split">
        <DataTable
          caption="Orders"
          columns={[{ label: "Order" }, { label: "Placed" }, { label: "Status" }, { label: "Total", align: "end" }]}
        >
          {customer.orders.map((order) => (
            <tr key={order.id}>
              <th scope="row">
                <Link className="link" href={`/agent/orders/${order.id}`}>
                  {order.number}
                </Link>
                <div className="small muted">{order.source}</div>
              </th>
              <td className="nowrap">{formatDate(order.placedAt)}</td>
              <td>
                <StatusBadge value={order.status} />
              </td>
              <td className="text-end nowrap">{formatMoney(order.totalAmount, order.currency)}</td>
            </tr>
          ))}
        </DataTable>
        <Card title="Profile (current)">
          <DetailList
            items={[
              { term: "E-mail", detail: customer.email ?? "—" },
              { term: "Name", detail: customer.name ?? "—" },
              { term: "Phone", detail: customer.phone ?? "—" },
              {
                term: "Address",
                detail: customer.addressText ?? "—",
              },
              { term: "Newsletter", detail: customer.newsletter ? "Subscribed" : "Not subscribed" },
              { term: "Tickets · refunds", detail: `${customer.counts.tickets} · ${customer.counts.refunds}` },
            ]}
          />
        </Card>
      </div>
      {!customer.canCorrectEmail ? null : (
        <Card
          title="Correct the e-mail address"
          description="Admins only. For a typo at checkout, after you verified the buyer (e.g. in a ticket). The buyer confirms from the new address; orders and tickets then move, other sessions end and the old address is told (with an undo link if it has signed in before)."
        >
          <CorrectEmailForm customerId={customer.id} />
        </Card>
      )}
      <Card
        title="Account history"
        flush
        actions={
          customer.canReadAuditLog ? (
            <Link className="link" href={`/agent/audit?customer=${encodeURIComponent(customer.id)}`}>
              All events in the audit log
            </Link>
          ) : undefined
        }
      >
        {customer.history.length === 0 ? (
          <p className="muted card__body">No account changes yet.</p>
        ) : (
          <DataTable
            caption="Account history"
            captionHidden
            columns={[{ label: "When" }, { label: "What" }, { label: "By" }]}
          >
            {customer.history.map((event) => (
              <tr key={event.id}>
                <th scope="row" className="nowrap">
                  {formatDateTime(event.at)}
                </th>
                <td className="mono small">{event.action}</td>
                <td>{event.actorType}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </Card>
    </div>
  );
}
