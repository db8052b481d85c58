import type { Metadata } from "next";
import Link from "next/link";
import { requireAgent } from "@/lib/auth/guards";
import { currentRequestMeta } from "@/lib/http/request-meta";
import { orNotFound } from "@/lib/http/or-not-found";
import { getTicketWorkspace } from "@/lib/tickets/get-ticket-workspace";
import { CATEGORY_LABELS } from "@/lib/tickets/schemas";
import { Alert } from "@/app/_components/alert";
import { Badge, StatusBadge } from "@/app/_components/badge";
import { Card } from "@/app/_components/card";
import { DetailList } from "@/app/_components/detail-list";
import { formatDateTime } from "@/app/_components/format";
import { PageHeader } from "@/app/_components/page-header";
import { TicketThread } from "@/app/(buyer)/support/_components/ticket-thread";
import { AccountChangeForm } from "./_components/account-change-form";
import { Composer } from "./_components/composer";
import { newIdempotencyKey } from "@/lib/idempotency/run-once";
import { CustomerOrders } from "./_components/customer-orders";
import { TicketSettingsForm } from "./_components/ticket-settings-form";
import { ViewerPresence } from "./_components/viewer-presence";

export const metadata: Metadata = { title: "Ticket" };

export default async function AgentTicketPage({ params }: { params: Promise<{ ref: string }> }) {
  const agent = await requireAgent();
  const { ref } = await params;
  // Opening a ticket is audited (a view of the customer's data), with where it was opened from.
  const { ticket, customerName, canned, others } = await orNotFound(
    getTicketWorkspace(agent, { ref }, await currentRequestMeta()),
  );
  const address = ticket.customer?.address;
  return (
    <div className="stack stack--lg">
      <PageHeader
        eyebrow={<Link href="/agent/tickets">← Tickets</Link>}
        title={ticket.subject}
        titleAddon={
          <span className="cluster">
            <StatusBadge value={ticket.status} />
            <StatusBadge value={ticket.priority} />
            {ticket.verified ? null : <Badge status="unverified" />}
          </span>
        }
        description={
          <>
            <span className="mono">{ticket.ref}</span> · {CATEGORY_LABELS[ticket.category]} · opened{" "}
            {formatDateTime(ticket.createdAt)} · assigned to {ticket.assignee?.name ?? "nobody"}
          </>
        }
      />
      <ViewerPresence ticketRef={ticket.ref} initial={others} />
      {ticket.verified ? null : (
        <Alert tone="warning">
          The sender has not confirmed this request from the mailed link yet. It may be spam, or someone using another
          person&apos;s address: only what the sender typed is shown, and account changes are refused until they
          confirm.
        </Alert>
      )}
      <div className="split">
        <div className="stack stack--lg">
          <TicketThread messages={ticket.messages} audience="agent" />
          <Composer ticketRef={ticket.ref} canned={canned} idempotencyKey={newIdempotencyKey()} />
        </div>
        <div className="stack">
          <Card title="Ticket" headingLevel={2}>
            <TicketSettingsForm
              ticketRef={ticket.ref}
              status={ticket.status}
              priority={ticket.priority}
              assigneeId={ticket.assignee?.id ?? ""}
              agents={ticket.agents}
            />
          </Card>
          <Card title="Customer" headingLevel={2}>
            <DetailList
              items={[
                { term: "Name", detail: customerName ?? "—" },
                { term: "E-mail", detail: ticket.email },
                { term: "Phone", detail: ticket.customer?.phone ?? "—" },
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
              ]}
            />
            {ticket.customer ? null : (
              <p className="small muted">
                {ticket.verified
                  ? "No customer with this address yet (no orders)."
                  : "As typed by the sender. The customer's details and orders appear once the sender confirms."}
              </p>
            )}
          </Card>
          {ticket.verified ? <CustomerOrders orders={ticket.orders} linkedOrderId={ticket.linkedOrderId} /> : null}
          {ticket.category === "account_change" && ticket.verified ? (
            <Card title="Apply account change" headingLevel={2}>
              <AccountChangeForm ticketRef={ticket.ref} />
            </Card>
          ) : null}
        </div>
      </div>
    </div>
  );
}
