import type { Metadata } from "next";
import Link from "next/link";
import { requireAgent } from "@/lib/auth/guards";
import { getOrderSearchPage } from "@/lib/orders/get-order-search-page";
import { currentRequestMeta } from "@/lib/http/request-meta";
import { Alert } from "@/app/_components/alert";
import { StatusBadge } from "@/app/_components/badge";
import { DataTable } from "@/app/_components/data-table";
import { EmptyState } from "@/app/_components/empty-state";
import { PageHeader } from "@/app/_components/page-header";
import { formatDate, formatMoney } from "@/app/_components/format";
import { OrderSearchForm } from "./order-search-form";

export const metadata: Metadata = { title: "Orders" };

const KIND_LABEL = {
  number: "order number",
  email: "e-mail address",
  license_key: "licence key",
  none: "query",
} as const;

export default async function OrdersPage({ searchParams }: { searchParams: Promise<{ s?: string | string[] }> }) {
  const agent = await requireAgent();
  // `s` is the sealed search the form posted; audited (SPEC): the search and every customer shown.
  const {
    query: q,
    result,
    error,
  } = await getOrderSearchPage(agent, { s: (await searchParams).s }, await currentRequestMeta());
  return (
    <div className="stack stack--lg">
      <PageHeader
        title="Orders"
        description="Search every source at once. Searches and views of buyers' details are recorded in the audit log."
      />
      <OrderSearchForm defaultValue={q} />
      {error ? <Alert tone="error">{error}</Alert> : null}
      {result && result.orders.length === 0 ? (
        <EmptyState
          title="No orders found"
          description={`Nothing matches that ${KIND_LABEL[result.kind]}. Order numbers match with or without “#”, spaces or capitals (“#1002” = “1002”); licence keys may be typed with or without spaces.`}
        />
      ) : null}
      {result && result.orders.length > 0 ? (
        <DataTable
          caption={`${result.orders.length} order${result.orders.length === 1 ? "" : "s"} matching the ${KIND_LABEL[result.kind]}`}
          columns={[
            { label: "Order" },
            { label: "Placed" },
            { label: "Buyer" },
            { label: "Items" },
            { label: "Status" },
            { label: "Total", align: "end" },
          ]}
        >
          {result.orders.map((order) => (
            <tr key={order.id}>
              <th scope="row">
                <Link className="link" href={`/agent/orders/${order.id}`}>
                  {order.number}
                </Link>
                <div className="small muted">{order.source}</div>
              </th>
              <td className="nowrap">{formatDate(order.placedAt)}</td>
              <td>
                {order.buyer.name ?? "—"}
                <div className="small muted">{order.buyer.email}</div>
              </td>
              <td>{order.items.map((i) => `${i.quantity} × ${i.name}`).join(", ")}</td>
              <td>
                <StatusBadge value={order.status} />
              </td>
              <td className="text-end nowrap">{formatMoney(order.totalAmount, order.currency)}</td>
            </tr>
          ))}
        </DataTable>
      ) : null}
    </div>
  );
}
