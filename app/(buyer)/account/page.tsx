import type { Metadata } from "next";
import Link from "next/link";
import { requireBuyer } from "@/lib/auth/guards";
import { getAccountPage } from "@/lib/accounts/get-account-page";
import { Alert } from "@/app/_components/alert";
import { Badge } from "@/app/_components/badge";
import { Card } from "@/app/_components/card";
import { DataTable } from "@/app/_components/data-table";
import { PageHeader } from "@/app/_components/page-header";
import { IconDownload } from "@/app/_components/icons";
import { formatDate, formatDateTime } from "@/app/_components/format";
import { DetailsForm } from "./_components/details-form";
import { EmailForm } from "./_components/email-form";
import { NewsletterForm } from "./_components/newsletter-form";
import { EndSessionForm } from "./_components/end-session-form";
import { ErasureForm } from "./_components/erasure-form";

export const metadata: Metadata = { title: "Your account" };

export default async function AccountPage({ searchParams }: { searchParams: Promise<{ export?: string }> }) {
  const buyer = await requireBuyer();
  const [{ account, countries, activeSessions: active, activity }, params] = await Promise.all([
    getAccountPage(buyer),
    searchParams,
  ]);
  const address = account.address;
  return (
    <div className="stack stack--lg">
      <PageHeader
        title="Your account"
        description="The details our support team uses from now on. Your orders keep the billing details they were placed with."
      />

      <Card
        title="Your details"
        description="Name, postal address and phone. Stored encrypted; only you and our support team can read them."
      >
        <DetailsForm
          countries={countries}
          defaults={{
            name: account.name ?? "",
            line1: address?.line1 ?? "",
            line2: address?.line2 ?? "",
            city: address?.city ?? "",
            region: address?.region ?? "",
            postalCode: address?.postalCode ?? "",
            country: address?.country ?? "",
            phone: account.phone ?? "",
          }}
        />
      </Card>

      <Card
        title="E-mail address"
        description={
          <>
            Orders, licence keys and support tickets belong to <strong>{account.email}</strong>.
          </>
        }
      >
        <EmailForm />
      </Card>

      <Card
        title="Newsletter"
        description={
          account.newsletter
            ? `You are subscribed${account.newsletterAt ? ` since ${formatDate(account.newsletterAt)}` : ""}. Every newsletter has a one-click unsubscribe link.`
            : "You are not subscribed. Subscribe to hear about updates and offers; leave any time with one click."
        }
        actions={
          account.newsletter ? <Badge tone="success">Subscribed</Badge> : <Badge tone="neutral">Not subscribed</Badge>
        }
      >
        <NewsletterForm subscribed={account.newsletter} />
      </Card>

      <Card
        title="Signed-in browsers"
        description={
          <>
            Browsers where you are signed in now. The full sign-in history is on your{" "}
            <Link className="link" href="/activity">
              access history
            </Link>{" "}
            page.
          </>
        }
        flush
        footer={
          active.length > 1 ? (
            <EndSessionForm sessionId="others" label="Sign out all other browsers" />
          ) : (
            <span className="small muted">No other browser is signed in.</span>
          )
        }
      >
        <DataTable
          caption="Signed-in browsers"
          captionHidden
          columns={[{ label: "Browser" }, { label: "Signed in" }, { label: "Last seen" }, { label: "Action" }]}
        >
          {active.map((session) => (
            <tr key={session.id}>
              <th scope="row" title={session.userAgent ?? undefined}>
                {session.browser}
                {session.ip ? <div className="small muted mono">{session.ip}</div> : null}
              </th>
              <td className="nowrap">{formatDateTime(session.createdAt)}</td>
              <td className="nowrap">{formatDateTime(session.lastSeenAt)}</td>
              <td>
                {session.current ? (
                  <Badge tone="info">This browser</Badge>
                ) : (
                  <EndSessionForm
                    sessionId={session.id}
                    label="Sign out"
                    what={`the browser signed in ${formatDateTime(session.createdAt)}`}
                  />
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      </Card>

      <Card title="Recent account changes" flush>
        {activity.length === 0 ? (
          <p className="muted card__body">No changes yet.</p>
        ) : (
          <DataTable
            caption="Recent account changes"
            captionHidden
            columns={[{ label: "When" }, { label: "What" }, { label: "By" }]}
          >
            {activity.map((event) => (
              <tr key={event.id}>
                <th scope="row" className="nowrap">
                  {formatDateTime(event.at)}
                </th>
                <td>{event.label}</td>
                <td>{event.by}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </Card>

      <Card
        id="your-data"
        title="Your data"
        description="Download everything we hold about you — details, orders, licence keys, downloads, tickets, refunds, sign-ins — as one JSON file."
      >
        <div className="stack">
          {params.export === "limited" ? (
            <Alert tone="warning">You downloaded your data several times in the last hour. Try again later.</Alert>
          ) : null}
          <form method="post" action="/account/export">
            <button type="submit" className="btn btn--secondary">
              <IconDownload />
              Download my data
            </button>
          </form>
        </div>
      </Card>

      <Card title="Erase my data" description="Ask us to erase your personal data.">
        <div className="stack">
          {account.pendingErasure ? (
            <Alert tone="warning" title="Erasure requested">
              You asked on {formatDate(account.pendingErasure.createdAt)}. Our team will handle it soon and e-mail you
              when it is done.
            </Alert>
          ) : (
            <div className="prose small">
              <p>When our team approves your request:</p>
              <ul>
                <li>
                  your name, e-mail address, phone, postal address, support conversations and sign-in history are erased
                  for good;
                </li>
                <li>invoices and order amounts are kept without your personal details, as tax law requires;</li>
                <li>your licence keys may be deactivated — download your data first to keep a copy;</li>
                <li>you get one last e-mail to confirm, then you can no longer sign in here.</li>
              </ul>
            </div>
          )}
          <ErasureForm pending={account.pendingErasure !== null} />
        </div>
      </Card>
    </div>
  );
}
