import type { Metadata } from "next";
import Link from "next/link";
import { currentBuyer } from "@/lib/auth/guards";
import { listBuyerTickets } from "@/lib/tickets/list-buyer-tickets";
import { CATEGORY_LABELS } from "@/lib/tickets/schemas";
import { StatusBadge } from "@/app/_components/badge";
import { Button } from "@/app/_components/button";
import { Card } from "@/app/_components/card";
import { DataTable } from "@/app/_components/data-table";
import { EmptyState } from "@/app/_components/empty-state";
import { formatDateTime } from "@/app/_components/format";
import { IconChat } from "@/app/_components/icons";
import { PageHeader } from "@/app/_components/page-header";

export const metadata: Metadata = { title: "My tickets" };

export default async function MyTicketsPage() {
  const buyer = await currentBuyer();
  if (!buyer) {
    return (
      <div className="container--narrow stack stack--lg">
        <h1>Your support requests</h1>
        <Card>
          <div className="stack">
            <p>Your requests are listed here once you are signed in with the e-mail address you bought with.</p>
            <div className="cluster">
              <Button href="/lookup" variant="primary">
                Sign in
              </Button>
              <Button href="/support/access">Open a request with its reference</Button>
              <Button href="/support/new" variant="ghost">
                Contact support
              </Button>
            </div>
          </div>
        </Card>
      </div>
    );
  }
  const tickets = await listBuyerTickets(buyer);
  return (
    <div className="stack stack--lg">
      <PageHeader
        title="My tickets"
        description="Your conversations with our support team."
        actions={
          <Button href="/support/new" variant="primary">
            New request
          </Button>
        }
      />
      {tickets.length === 0 ? (
        <Card>
          <EmptyState
            icon={<IconChat />}
            title="No requests yet"
            description="Questions about a key, a download or a refund? We are happy to help."
            actions={
              <Button href="/support/new" variant="primary">
                Contact support
              </Button>
            }
          />
        </Card>
      ) : (
        <DataTable
          caption="Your support requests"
          captionHidden
          columns={[{ label: "Request" }, { label: "Topic" }, { label: "Status" }, { label: "Last activity" }]}
        >
          {tickets.map((t) => (
            <tr key={t.ref}>
              <th scope="row">
                <Link className="link" href={`/support/${t.ref}`}>
                  {t.subject}
                </Link>
                <div className="small muted mono">{t.ref}</div>
              </th>
              <td>{CATEGORY_LABELS[t.category]}</td>
              <td>
                <StatusBadge value={t.status} />
              </td>
              <td className="nowrap">{formatDateTime(t.lastMessageAt)}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </div>
  );
}
