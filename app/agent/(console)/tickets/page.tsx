import type { Metadata } from "next";
import Link from "next/link";
import { requireAgent } from "@/lib/auth/guards";
import { currentRequestMeta } from "@/lib/http/request-meta";
import { listTicketInbox } from "@/lib/tickets/list-ticket-inbox";
import { CATEGORY_LABELS } from "@/lib/tickets/schemas";
import { INBOX_VIEW_LABELS, INBOX_VIEWS, inboxCountLabel } from "@/lib/tickets/agent-schemas";
import { Badge, StatusBadge } from "@/app/_components/badge";
import { Button } from "@/app/_components/button";
import { DataTable } from "@/app/_components/data-table";
import { EmptyState } from "@/app/_components/empty-state";
import { formatDateTime } from "@/app/_components/format";
import { IconInbox } from "@/app/_components/icons";
import { PageHeader } from "@/app/_components/page-header";
import { searchTicketsForm } from "./actions";

export const metadata: Metadata = { title: "Tickets" };

type TSearch = { view?: string | string[]; s?: string | string[]; sort?: string | string[] };

function age(from: Date): string {
  const hours = Math.floor((Date.now() - from.getTime()) / 3_600_000);
  if (hours < 1) return "under 1 h";
  if (hours < 48) return `${hours} h`;
  return `${Math.floor(hours / 24)} d`;
}

export default async function TicketInboxPage({ searchParams }: { searchParams: Promise<TSearch> }) {
  const agent = await requireAgent();
  // Searches are audited (what kind, never the text), with where they were made from.
  const {
    view,
    query: q,
    searchToken,
    newestFirst,
    tickets,
    counts,
  } = await listTicketInbox(agent, await searchParams, await currentRequestMeta());
  // Links carry the sealed search (`s`), never the text searched for.
  const link = (next: { view?: string; s?: string | undefined; sort?: string | undefined }) => {
    const merged = { view, sort: newestFirst ? "newest" : undefined, ...next };
    const search = new URLSearchParams(
      Object.entries(merged).filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== ""),
    );
    return `/agent/tickets?${search.toString()}`;
  };
  return (
    <div className="stack stack--lg">
      <PageHeader
        title="Tickets"
        description="Oldest first, so nobody waits longest. Opening a ticket is recorded in the audit log."
      />
      <nav aria-label="Ticket views">
        <ul className="cluster plain-list">
          {INBOX_VIEWS.map((v) => (
            <li key={v}>
              <Link
                href={link({ view: v, s: undefined })}
                className={`btn btn--sm ${v === view && !q ? "btn--primary" : "btn--secondary"}`}
                aria-current={v === view && !q ? "page" : undefined}
              >
                {INBOX_VIEW_LABELS[v]} <span className="mono">({inboxCountLabel(counts[v])})</span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <form action={searchTicketsForm} role="search" className="search-form">
        <input type="hidden" name="view" value={view} />
        <input type="hidden" name="sort" value={newestFirst ? "newest" : ""} />
        <label htmlFor="ticket-search" className="field__label">
          Ticket reference, e-mail address or order number
        </label>
        <div className="cluster">
          <input
            id="ticket-search"
            name="query"
            type="search"
            className="input search-form__input"
            defaultValue={q}
            autoComplete="off"
            spellCheck={false}
            maxLength={200}
          />
          <Button type="submit" variant="primary">
            Search
          </Button>
        </div>
      </form>
      <div className="cluster small">
        <span className="muted">{q ? `Search results for “${q}”` : INBOX_VIEW_LABELS[view]}</span>
        <Link className="link" href={link({ sort: newestFirst ? undefined : "newest", s: searchToken || undefined })}>
          {newestFirst ? "Show oldest first" : "Show newest first"}
        </Link>
      </div>
      {tickets.length === 0 ? (
        <EmptyState
          icon={<IconInbox />}
          title={q ? "No tickets found" : "Nothing here"}
          description={
            q
              ? "References must be complete (KD-…); addresses and order numbers must match exactly."
              : "This queue is empty."
          }
        />
      ) : (
        <DataTable
          caption={`${tickets.length} ticket${tickets.length === 1 ? "" : "s"}`}
          captionHidden
          columns={[
            { label: "Ticket" },
            { label: "Customer" },
            { label: "Status" },
            { label: "Priority" },
            { label: "Assignee" },
            { label: "Age" },
          ]}
        >
          {tickets.map((t) => (
            <tr key={t.ref}>
              <th scope="row">
                <Link className="link" href={`/agent/tickets/${t.ref}`}>
                  {t.subject}
                </Link>
                <div className="small muted">
                  <span className="mono">{t.ref}</span> · {CATEGORY_LABELS[t.category]}
                  {t.lastFromCustomer ? " · customer wrote last" : ""}
                </div>
              </th>
              <td>
                {t.name ?? "—"}
                <div className="small muted">{t.email}</div>
              </td>
              <td>
                <span className="cluster">
                  <StatusBadge value={t.status} />
                  {t.verified ? null : <Badge status="unverified" />}
                </span>
              </td>
              <td>
                <StatusBadge value={t.priority} />
              </td>
              <td>{t.assignee ?? <span className="muted">Nobody</span>}</td>
              <td className="nowrap" title={formatDateTime(t.createdAt)}>
                {age(t.createdAt)}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </div>
  );
}
