import type { Metadata } from "next";
import Link from "next/link";
import { requireAdmin } from "@/lib/auth/guards";
import { listErasureRequests } from "@/lib/privacy/list-erasure-requests";
import { Card } from "@/app/_components/card";
import { DataTable } from "@/app/_components/data-table";
import { EmptyState } from "@/app/_components/empty-state";
import { PageHeader } from "@/app/_components/page-header";
import { StatusBadge } from "@/app/_components/badge";
import { IconDownload } from "@/app/_components/icons";
import { formatDate, formatDateTime } from "@/app/_components/format";
import { ErasureDecisionForm } from "./_components/erasure-decision-form";

export const metadata: Metadata = { title: "Privacy" };

export default async function PrivacyPage() {
  const agent = await requireAdmin();
  const { pending, decided } = await listErasureRequests(agent);
  return (
    <div className="stack stack--lg">
      <PageHeader
        title="Privacy"
        description="Erasure requests from buyers and the newsletter opt-in list. Every decision and export is recorded in the audit log."
      />
      <Card
        title="Erasure requests"
        description="Approving erases the buyer's personal data everywhere at once and mails them a last notice. Orders stay for the books, without personal details. This cannot be undone."
      >
        {pending.length === 0 ? (
          <EmptyState title="No pending requests" headingLevel={3} />
        ) : (
          <ul className="plain-list stack stack--lg">
            {pending.map((request) => (
              <li key={request.id} className="stack">
                <p>
                  <strong>Requested {formatDateTime(request.createdAt)}</strong> · {request.orders} order
                  {request.orders === 1 ? "" : "s"} · {request.tickets} ticket
                  {request.tickets === 1 ? "" : "s"} ·{" "}
                  <Link className="link" href={`/agent/customers/${request.customerId}`}>
                    View customer
                  </Link>
                </p>
                <ErasureDecisionForm requestId={request.id} activeKeys={request.activeKeys} />
              </li>
            ))}
          </ul>
        )}
      </Card>
      {decided.length > 0 ? (
        <DataTable
          caption="Recently decided"
          columns={[{ label: "Requested" }, { label: "Decided" }, { label: "Outcome" }, { label: "Licence keys" }]}
        >
          {decided.map((request) => (
            <tr key={request.id}>
              <th scope="row" className="nowrap">
                {formatDate(request.createdAt)}
              </th>
              <td className="nowrap">{request.decidedAt ? formatDate(request.decidedAt) : "—"}</td>
              <td>
                <StatusBadge value={request.status} />
              </td>
              <td>{request.keepLicenseKeys === null ? "—" : request.keepLicenseKeys ? "Kept" : "Revoked"}</td>
            </tr>
          ))}
        </DataTable>
      ) : null}
      <Card
        title="Newsletter opt-ins"
        description="Download the buyers who currently want the newsletter (address, name, opt-in date and their personal unsubscribe link) for your newsletter tool. Download a fresh list before every send."
      >
        <form method="post" action="/agent/privacy/newsletter-export">
          <button type="submit" className="btn btn--secondary">
            <IconDownload />
            Download opt-ins (CSV)
          </button>
        </form>
      </Card>
    </div>
  );
}
