import type { Metadata } from "next";
import Link from "next/link";
import { requireAdmin } from "@/lib/auth/guards";
import { getAuditLogPage } from "@/lib/audit/get-audit-log-page";
import { currentRequestMeta } from "@/lib/http/request-meta";
import { Alert } from "@/app/_components/alert";
import { DataTable } from "@/app/_components/data-table";
import { EmptyState } from "@/app/_components/empty-state";
import { Field } from "@/app/_components/field";
import { PageHeader } from "@/app/_components/page-header";
import { formatDateTime } from "@/app/_components/format";
import { IconDownload } from "@/app/_components/icons";

export const metadata: Metadata = { title: "Audit log" };

type TSearchParams = Record<string, string | string[] | undefined>;

export default async function AuditLogPage({ searchParams }: { searchParams: Promise<TSearchParams> }) {
  const admin = await requireAdmin();
  // Reading the log is itself recorded: the one write this page makes.
  const page = await getAuditLogPage(admin, await searchParams, await currentRequestMeta());
  const { query } = page;
  const filters = new URLSearchParams(
    Object.entries({
      agent: query.agent,
      customer: query.customer,
      action: query.action,
      from: query.from,
      to: query.to,
    }).filter((entry): entry is [string, string] => Boolean(entry[1])),
  );
  const filterString = filters.toString();
  const nextHref = page.nextCursor
    ? `/agent/audit?${new URLSearchParams([...filters, ["cursor", page.nextCursor]]).toString()}`
    : null;
  return (
    <div className="stack stack--lg">
      <PageHeader
        title="Audit log"
        description="Every agent action and every view of a customer's personal data, newest first. The log cannot be changed from the app; reading and exporting it are recorded here too."
      />
      <form method="get" action="/agent/audit" className="stack" aria-label="Filter the audit log">
        <div className="grid-auto">
          <Field
            name="agent"
            label="Agent"
            type="select"
            defaultValue={query.agent ?? ""}
            options={[{ value: "", label: "Any agent" }, ...page.agents.map((a) => ({ value: a.id, label: a.name }))]}
          />
          <Field name="customer" label="Customer id" defaultValue={query.customer ?? ""} mono optional />
          <Field
            name="action"
            label="Action"
            defaultValue={query.action ?? ""}
            hint="Exact (customer.viewed) or a prefix ending in a dot (order.)"
            mono
            optional
          />
          <Field name="from" label="From (UTC)" type="date" defaultValue={query.from ?? ""} optional />
          <Field name="to" label="To (UTC)" type="date" defaultValue={query.to ?? ""} optional />
        </div>
        <div className="cluster">
          <button type="submit" className="btn btn--primary">
            Filter
          </button>
          <Link className="link" href="/agent/audit">
            Clear filters
          </Link>
        </div>
      </form>
      <form method="post" action={`/agent/audit/export${filterString ? `?${filterString}` : ""}`}>
        <button type="submit" className="btn btn--secondary">
          <IconDownload />
          Export these events (CSV)
        </button>
      </form>
      {page.error ? <Alert tone="error">{page.error}</Alert> : null}
      {!page.error && page.rows.length === 0 ? (
        <EmptyState title="No events" description="Nothing in the log matches these filters." />
      ) : null}
      {page.rows.length > 0 ? (
        <DataTable
          caption="Audit events, newest first"
          columns={[
            { label: "When" },
            { label: "Who" },
            { label: "What" },
            { label: "Object" },
            { label: "From where" },
          ]}
        >
          {page.rows.map((row) => (
            <tr key={row.id}>
              <th scope="row" className="nowrap">
                {formatDateTime(row.at)}
              </th>
              <td>
                {row.actorType === "agent" ? (
                  <>
                    <Link className="link" href={`/agent/audit?agent=${encodeURIComponent(row.actorId ?? "")}`}>
                      {row.actorName ?? "Removed agent"}
                    </Link>
                    <div className="small muted">agent</div>
                  </>
                ) : row.actorType === "customer" ? (
                  <>
                    Customer
                    <div className="small muted mono">{row.actorId ?? ""}</div>
                  </>
                ) : (
                  "System"
                )}
              </td>
              <td className="mono small">{row.action}</td>
              <td className="small">
                {row.targetType ? (
                  <>
                    {row.targetType}{" "}
                    {row.targetHref ? (
                      <Link className="link mono" href={row.targetHref}>
                        {row.targetId}
                      </Link>
                    ) : (
                      <span className="mono">{row.targetId}</span>
                    )}
                  </>
                ) : (
                  "—"
                )}
                {row.customerId ? (
                  <div>
                    customer{" "}
                    <Link className="link mono" href={`/agent/customers/${encodeURIComponent(row.customerId)}`}>
                      {row.customerId}
                    </Link>
                  </div>
                ) : null}
              </td>
              <td className="small">
                <span className="mono">{row.ip ?? "—"}</span>
                <div className="muted">{row.userAgent ?? ""}</div>
              </td>
            </tr>
          ))}
        </DataTable>
      ) : null}
      {nextHref ? (
        <nav aria-label="Audit log pages">
          <Link className="link" href={nextHref}>
            Older events →
          </Link>
        </nav>
      ) : null}
    </div>
  );
}
