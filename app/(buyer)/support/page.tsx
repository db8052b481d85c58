import type { Metadata } from "next";
import { pageMetadata } from "@/lib/branding/metadata";
import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { currentBuyer } from "@/lib/auth/guards";
import { listBuyerTickets } from "@/lib/tickets/list-buyer-tickets";
import { StatusBadge } from "@/app/_components/badge";
import { Button } from "@/app/_components/button";
import { Card } from "@/app/_components/card";
import { DataTable } from "@/app/_components/data-table";
import { EmptyState } from "@/app/_components/empty-state";
import { formatDateTime } from "@/app/_components/format";

import { IconChat } from "@/app/_components/icons";
import { PageHeader } from "@/app/_components/page-header";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("support.list");
  return pageMetadata(t("title"));
}

export default async function MyTicketsPage() {
  const [buyer, t, nav, categories, locale] = await Promise.all([
    currentBuyer(),
    getTranslations("support.list"),
    getTranslations("common.nav"),
    getTranslations("support.categories"),
    getLocale(),
  ]);
  if (!buyer) {
    return (
      <div className="container--narrow stack stack--lg">
        <h1>{t("guestTitle")}</h1>
        <Card>
          <div className="stack">
            <p>{t("guestText")}</p>
            <div className="cluster">
              <Button href="/lookup" variant="primary">
                {t("signIn")}
              </Button>
              <Button href="/support/access">{t("openWithReference")}</Button>
              <Button href="/support/new" variant="ghost">
                {nav("contactSupport")}
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
        title={t("title")}
        description={t("description")}
        actions={
          <Button href="/support/new" variant="primary">
            {t("newRequest")}
          </Button>
        }
      />
      {tickets.length === 0 ? (
        <Card>
          <EmptyState
            icon={<IconChat />}
            title={t("emptyTitle")}
            description={t("emptyText")}
            actions={
              <Button href="/support/new" variant="primary">
                {nav("contactSupport")}
              </Button>
            }
          />
        </Card>
      ) : (
        <DataTable
          caption={t("guestTitle")}
          captionHidden
          columns={[
            { label: t("columns.request") },
            { label: t("columns.topic") },
            { label: t("columns.status") },
            { label: t("columns.lastActivity") },
          ]}
        >
          {tickets.map((ticket) => (
            <tr key={ticket.ref}>
              <th scope="row">
                <Link className="link" href={`/support/${ticket.ref}`}>
                  {ticket.subject}
                </Link>
                <div className="small muted mono">{ticket.ref}</div>
              </th>
              <td>{categories(ticket.category)}</td>
              <td>
                <StatusBadge value={ticket.status} />
              </td>
              <td className="nowrap">{formatDateTime(ticket.lastMessageAt, "UTC", locale)}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </div>
  );
}
