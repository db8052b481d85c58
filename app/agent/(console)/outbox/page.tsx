import type { Metadata } from "next";
import { requireAdmin } from "@/lib/auth/guards";
import { getOutboxPage } from "@/lib/outbox/get-outbox-page";
import { DataTable } from "@/app/_components/data-table";
import { EmptyState } from "@/app/_components/empty-state";
import { PageHeader } from "@/app/_components/page-header";
import { formatDateTime } from "@/app/_components/format";
import { RetryButton } from "./retry-button";

export const metadata: Metadata = { title: "Outbox" };

export default async function OutboxPage() {
  const admin = await requireAdmin();
  const { stats, deadLetters: dead } = await getOutboxPage(admin);
  return (
    <div className="stack stack--lg">
      <PageHeader
        title="Outbox"
        description="Every e-mail is written here together with the change that caused it, then delivered by the worker with retries. Messages that kept failing end up as dead letters below."
      />
      <ul className="grid-auto stat-grid" aria-label="Outbox status">
        {[
          ["Waiting", stats.pending],
          ["Due now", stats.due],
          ["Sent", stats.sent],
          ["Dead letters", stats.dead],
        ].map(([label, value]) => (
          <li key={label} className="card stat">
            <span className="stat__label">{label}</span>
            <span className="stat__value">{Number(value).toLocaleString("en")}</span>
          </li>
        ))}
      </ul>
      {dead.length === 0 ? (
        <EmptyState
          title="No dead letters"
          description="Everything that was queued has been delivered or is still being retried."
        />
      ) : (
        <DataTable
          caption="Dead letters, newest first"
          columns={[
            { label: "Kind" },
            { label: "Queued" },
            { label: "Attempts", align: "end" },
            { label: "Last error" },
            { label: "Actions", srOnly: true },
          ]}
        >
          {dead.map((letter) => (
            <tr key={letter.id}>
              <th scope="row">
                {letter.kind}
                <div className="small muted">{letter.channel}</div>
              </th>
              <td className="nowrap">{formatDateTime(letter.createdAt)}</td>
              <td className="text-end">{letter.attempts}</td>
              <td className="small">{letter.lastError ?? "—"}</td>
              <td>
                <RetryButton id={letter.id} />
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </div>
  );
}
