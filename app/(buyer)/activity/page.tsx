import type { Metadata } from "next";
import Link from "next/link";
import { requireBuyer } from "@/lib/auth/guards";
import { getActivityPage } from "@/lib/accounts/get-activity-page";
import { Badge } from "@/app/_components/badge";
import { Card } from "@/app/_components/card";
import { DataTable } from "@/app/_components/data-table";
import { PageHeader } from "@/app/_components/page-header";
import { SubmitButton } from "@/app/_components/submit-button";
import { IconSignOut } from "@/app/_components/icons";
import { formatDateTime } from "@/app/_components/format";
import { signOutEverywhere } from "./actions";

export const metadata: Metadata = { title: "Access history" };

export default async function ActivityPage() {
  const buyer = await requireBuyer();
  const { signIns, events } = await getActivityPage(buyer);
  return (
    <div className="stack stack--lg">
      <PageHeader
        eyebrow={
          <Link className="link" href="/orders">
            ← Your orders
          </Link>
        }
        title="Access history"
        description="Where and when your orders were opened, and what was done with their keys and downloads. Something you don’t recognise? Sign out everywhere, then contact support."
      />
      <Card
        title="Sign-ins"
        description="The most recent browsers signed in with your e-mail address."
        flush
        footer={
          <form action={signOutEverywhere} className="cluster">
            <SubmitButton variant="danger" size="sm" icon={<IconSignOut />} pendingLabel="Signing out…">
              Sign out everywhere
            </SubmitButton>
            <span className="small muted">Ends every session, this one included.</span>
          </form>
        }
      >
        <DataTable caption="Sign-ins" captionHidden columns={[{ label: "Signed in" }, { label: "Browser" }]}>
          {signIns.map((session) => (
            <tr key={session.id}>
              <th scope="row">
                <div className="stack stack--sm">
                  <span>{formatDateTime(session.createdAt)}</span>
                  <span className="cluster">
                    {session.current ? <Badge tone="info">This browser</Badge> : null}
                    {session.active ? <Badge tone="success">Active</Badge> : <Badge tone="neutral">Ended</Badge>}
                  </span>
                </div>
              </th>
              <td>
                <Where ip={session.ip} userAgent={session.userAgent} browser={session.browser} />
              </td>
            </tr>
          ))}
        </DataTable>
      </Card>
      <Card
        title="Keys and downloads"
        description={`The latest ${events.length === 50 ? "50 " : ""}events on your orders, newest first.`}
        flush
      >
        {events.length === 0 ? (
          <p className="muted card__body">Nothing yet.</p>
        ) : (
          <DataTable caption="Keys and downloads" captionHidden columns={[{ label: "When" }, { label: "What" }]}>
            {events.map((event) => (
              <tr key={event.id}>
                <th scope="row">{formatDateTime(event.at)}</th>
                <td>
                  <strong>{event.label}</strong>
                  {event.subject ? <div className="small">{event.subject}</div> : null}
                  <Where ip={event.ip} userAgent={event.userAgent} browser={event.browser} />
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </Card>
    </div>
  );
}

/** The browser (recognisable name; the full user agent on hover) and IP address of a sign-in or event. */
function Where({ ip, userAgent, browser }: { ip: string | null; userAgent: string | null; browser: string }) {
  return (
    <div className="small muted">
      <span title={userAgent ?? undefined}>{browser}</span> · IP <span className="mono">{ip ?? "unknown"}</span>
    </div>
  );
}
