import type { Metadata } from "next";
import Link from "next/link";
import { requireAdmin } from "@/lib/auth/guards";
import { orNotFound } from "@/lib/http/or-not-found";
import { getStoreLog } from "@/lib/stores/get-store-log";
import { Badge, type TBadgeTone } from "@/app/_components/badge";
import { DataTable } from "@/app/_components/data-table";
import { EmptyState } from "@/app/_components/empty-state";
import { PageHeader } from "@/app/_components/page-header";
import { RowActionButton } from "@/app/_components/row-action-button";
import { formatDateTime } from "@/app/_components/format";
import { replayEventAction } from "../actions";

export const metadata: Metadata = { title: "Store events" };

const OUTCOME_TONE: Record<string, TBadgeTone> = {
  applied: "success",
  duplicate: "neutral",
  ignored: "neutral",
  waiting: "warning",
  failed: "danger",
};

export default async function StoreEventsPage({ params }: { params: Promise<{ id: string }> }) {
  const admin = await requireAdmin();
  const { id } = await params;
  const { store, events } = await orNotFound(getStoreLog(admin, id));
  return (
    <div className="stack stack--lg">
      <PageHeader
        eyebrow={
          <Link className="link" href="/agent/stores">
            Stores
          </Link>
        }
        title={`${store.name}: received events`}
        description={`${store.providerLabel}. Newest first. Refused signatures: ${store.badSignatureCount}${
          store.lastBadSignatureAt ? ` (last ${formatDateTime(store.lastBadSignatureAt)})` : ""
        } — nothing of those is kept. Payloads are kept for a limited time so failed events can be replayed.`}
      />
      {events.length === 0 ? (
        <EmptyState
          title="Nothing received yet"
          description="Deliveries appear here as soon as the store sends them to the webhook URL."
        />
      ) : (
        <DataTable
          caption={`Events received from ${store.name}`}
          captionHidden
          columns={[
            { label: "Received" },
            { label: "Event" },
            { label: "Outcome" },
            { label: "Order" },
            { label: "Actions", srOnly: true },
          ]}
        >
          {events.map((event) => (
            <tr key={event.id}>
              <th scope="row" className="nowrap">
                {formatDateTime(event.receivedAt)}
                {event.deliveries > 1 ? <div className="small muted">{event.deliveries} deliveries</div> : null}
              </th>
              <td>
                <span className="mono small">{event.providerEventId}</span>
                <div className="small muted">{event.type}</div>
              </td>
              <td>
                <Badge tone={OUTCOME_TONE[event.outcome] ?? "neutral"}>{event.outcome}</Badge>
                {event.reason ? <div className="small">{event.reason}</div> : null}
              </td>
              <td>
                {event.order ? (
                  <Link className="link" href={`/agent/orders/${event.order.id}`}>
                    {event.order.number}
                  </Link>
                ) : (
                  <span className="muted">—</span>
                )}
              </td>
              <td>
                {event.replayable ? (
                  <RowActionButton
                    action={replayEventAction}
                    fields={{ storeId: store.id, eventId: event.id }}
                    label="Replay"
                    target={event.providerEventId}
                  />
                ) : null}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </div>
  );
}
