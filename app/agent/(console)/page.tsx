import type { Metadata } from "next";
import Link from "next/link";
import { requireAgent } from "@/lib/auth/guards";
import { getConsoleOverview } from "@/lib/system/get-console-overview";
import { Card } from "@/app/_components/card";
import { PageHeader } from "@/app/_components/page-header";
import { OrderSearchForm } from "./orders/order-search-form";

export const metadata: Metadata = { title: "Dashboard" };

export default async function ConsoleDashboardPage() {
  const agent = await requireAgent();
  const overview = await getConsoleOverview(agent);
  const stats = [
    { label: "Orders", value: overview.orders, note: `${overview.ordersThisWeek} in the last 7 days` },
    { label: "Customers", value: overview.customers, note: "with at least one order" },
    { label: "Open tickets", value: overview.openTickets, note: "open or waiting" },
    { label: "Pending refunds", value: overview.pendingRefunds, note: "awaiting a decision" },
  ];
  return (
    <div className="stack stack--lg">
      <PageHeader
        title={`Hello, ${agent.name}`}
        description="Find an order by its number, the buyer's e-mail address or a licence key."
      />
      <OrderSearchForm />
      <ul className="grid-auto stat-grid" aria-label="Overview">
        {stats.map((s) => (
          <li key={s.label} className="card stat">
            <span className="stat__label">{s.label}</span>
            <span className="stat__value">{s.value.toLocaleString("en")}</span>
            <span className="small muted">{s.note}</span>
          </li>
        ))}
      </ul>
      {overview.mail ? (
        <Card title="Mail delivery" description="The outbox delivers every e-mail Keydesk sends, with retries.">
          <p>
            {overview.mail.pending} waiting to be sent · {overview.mail.dead} failed for good{" "}
            {overview.mail.dead > 0 ? (
              <Link className="link" href="/agent/outbox">
                Review failed mail
              </Link>
            ) : null}
          </p>
        </Card>
      ) : null}
    </div>
  );
}
