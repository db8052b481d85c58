import type { Metadata } from "next";
import Link from "next/link";
import { requireAdmin } from "@/lib/auth/guards";
import { currentRequestMeta } from "@/lib/http/request-meta";
import { listDevMailbox } from "@/lib/mail/list-dev-mailbox";
import { DataTable } from "@/app/_components/data-table";
import { EmptyState } from "@/app/_components/empty-state";
import { PageHeader } from "@/app/_components/page-header";
import { formatDateTime } from "@/app/_components/format";

export const metadata: Metadata = { title: "Dev mailbox" };

export default async function MailboxPage() {
  const admin = await requireAdmin();
  // The listing is audited (it shows recipients), so it gets the request's meta.
  const mails = await listDevMailbox(admin, { limit: 100 }, await currentRequestMeta());
  return (
    <div className="stack stack--lg">
      <PageHeader
        title="Dev mailbox"
        description="SMTP_URL is not set, so Keydesk keeps its e-mail here (and as .eml files in DATA_DIR/mail) instead of sending it. Set SMTP_URL to deliver for real. Opening a mail is recorded in the audit log."
      />
      {mails.length === 0 ? (
        <EmptyState title="No mail yet" description="Mail that Keydesk sends while SMTP_URL is unset appears here." />
      ) : (
        <DataTable
          caption="Kept mail, newest first"
          captionHidden
          columns={[{ label: "Subject" }, { label: "To" }, { label: "Kept" }]}
        >
          {mails.map((mail) => (
            <tr key={mail.id}>
              <th scope="row">
                <Link className="link" href={`/agent/mailbox/${mail.id}`}>
                  {mail.subject}
                </Link>
                <div className="small muted">{mail.kind}</div>
              </th>
              <td>{mail.to}</td>
              <td className="nowrap">{formatDateTime(mail.sentAt ?? mail.createdAt)}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </div>
  );
}
