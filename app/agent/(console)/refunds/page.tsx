import type { Metadata } from "next";
import Link from "next/link";
import { requireAgent } from "@/lib/auth/guards";
import { currentRequestMeta } from "@/lib/http/request-meta";
import { listRefundQueue } from "@/lib/refunds/list-refund-queue";
import { EmptyState } from "@/app/_components/empty-state";
import { PageHeader } from "@/app/_components/page-header";
import { RefundEntry } from "./_components/refund-entry";

export const metadata: Metadata = { title: "Refunds" };

export default async function RefundsPage() {
  const agent = await requireAgent();
  // The view is audited (buyers' notes), so the read takes the request's meta.
  const queue = await listRefundQueue(agent, await currentRequestMeta());
  const pending = queue.filter((entry) => entry.status === "pending");
  const decided = queue.filter((entry) => entry.status !== "pending");
  return (
    <div className="stack stack--lg">
      <PageHeader
        title="Refunds"
        description={
          <>
            Pending requests, oldest first, with the evidence to decide them. Approving revokes the refunded items&apos;
            keys and downloads and hands the refund to the gateway
            {agent.role === "admin" ? (
              <>
                {" "}
                (
                <Link className="link" href="/agent/settings">
                  settings
                </Link>
                )
              </>
            ) : null}
            .
          </>
        }
      />
      <section className="stack" aria-labelledby="pending-heading">
        <h2 id="pending-heading">Pending ({pending.length})</h2>
        {pending.length === 0 ? (
          <EmptyState
            headingLevel={3}
            title="No pending refund requests"
            description="New requests from buyers appear here."
          />
        ) : (
          pending.map((entry) => <RefundEntry key={entry.id} entry={entry} />)
        )}
      </section>
      {decided.length > 0 ? (
        <section className="stack" aria-labelledby="decided-heading">
          <h2 id="decided-heading">Recently decided</h2>
          {decided.map((entry) => (
            <RefundEntry key={entry.id} entry={entry} />
          ))}
        </section>
      ) : null}
    </div>
  );
}
