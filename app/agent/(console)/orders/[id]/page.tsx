import type { Metadata } from "next";
import Link from "next/link";
import { requireAgent } from "@/lib/auth/guards";
import { getOrderForAgent } from "@/lib/orders/get-order-for-agent";
import { orNotFound } from "@/lib/http/or-not-found";
import { currentRequestMeta } from "@/lib/http/request-meta";
import { StatusBadge } from "@/app/_components/badge";
import { Card } from "@/app/_components/card";
import { DataTable } from "@/app/_components/data-table";
import { DetailList } from "@/app/_components/detail-list";
import { PageHeader } from "@/app/_components/page-header";
import { formatDateTime, formatMoney } from "@/app/_components/format";

export const metadata: Metadata = { title: "Order" };

export default async function AgentOrderPage({ params }: { params: Promise<{ id: string }> }) {
  const agent = await requireAgent();
  // Audited (SPEC): viewing a buyer's billing details records a `customer.viewed` event.
  const order = await orNotFound(getOrderForAgent(agent, { orderId: (await params).id }, await currentRequestMeta()));
  const address = order.billing.address;
  return (
    <div className="stack stack--lg">
      <PageHeader
        eyebrow={
          <Link className="link" href="/agent/orders">
            ← Orders
          </Link>
        }
        title={`Order ${order.number}`}
        titleAddon={<StatusBadge value={order.status} />}
        description={`${order.source} · ${order.externalId} · placed ${formatDateTime(order.placedAt)}`}
      />
      <div className="split">
        <DataTable
          caption="Items"
          columns={[
            { label: "Item" },
            { label: "Qty", align: "end" },
            { label: "Unit price", align: "end" },
            { label: "Keys" },
            { label: "Status" },
          ]}
        >
          {order.items.map((item) => (
            <tr key={item.id}>
              <th scope="row">
                {item.name}
                <div className="small muted mono">{item.sku}</div>
              </th>
              <td className="text-end">{item.quantity}</td>
              <td className="text-end nowrap">{formatMoney(item.unitAmount, order.currency)}</td>
              <td>
                <ul className="plain-list">
                  {order.keys
                    .filter((k) => k.orderItemId === item.id)
                    .map((k) => (
                      <li key={k.id} className="cluster">
                        <span className="mono">{k.masked}</span> <StatusBadge value={k.status} />
                      </li>
                    ))}
                </ul>
              </td>
              <td>
                <StatusBadge value={item.status} />
              </td>
            </tr>
          ))}
        </DataTable>
        <Card title="Buyer (as billed)">
          <DetailList
            items={[
              { term: "Name", detail: order.buyer.name ?? "—" },
              { term: "E-mail", detail: order.buyer.email },
              { term: "Phone", detail: order.billing.phone ?? "—" },
              {
                term: "Address",
                detail: address
                  ? [
                      address.line1,
                      address.line2,
                      [address.postalCode, address.city].filter(Boolean).join(" "),
                      address.region,
                      address.country,
                    ]
                      .filter(Boolean)
                      .join(", ")
                  : "—",
              },
              { term: "Total", detail: formatMoney(order.totalAmount, order.currency) },
            ]}
          />
        </Card>
      </div>
    </div>
  );
}
