import type { Metadata } from "next";
import Link from "next/link";
import { requireAdmin } from "@/lib/auth/guards";
import { currentRequestMeta } from "@/lib/http/request-meta";
import { readDevMail } from "@/lib/mail/read-dev-mail";
import { orNotFound } from "@/lib/http/or-not-found";
import { Card } from "@/app/_components/card";
import { DetailList } from "@/app/_components/detail-list";
import { PageHeader } from "@/app/_components/page-header";
import { formatDateTime } from "@/app/_components/format";

export const metadata: Metadata = { title: "Mail" };

// Links inside the mail are listed separately so a developer can follow a sign-in link without
// rendering the HTML part (which stays out of the console: no foreign markup in an admin page).
function linksOf(text: string): string[] {
  return [...new Set(text.match(/https?:\/\/[^\s<>"')]+/g) ?? [])];
}

export default async function DevMailPage({ params }: { params: Promise<{ id: string }> }) {
  const admin = await requireAdmin();
  // The read is audited (the mail holds personal data), so it gets the request's meta.
  const mail = await orNotFound(readDevMail(admin, { id: (await params).id }, await currentRequestMeta()));
  const links = linksOf(mail.text);
  return (
    <div className="stack stack--lg">
      <PageHeader
        eyebrow={
          <Link className="link" href="/agent/mailbox">
            ← Dev mailbox
          </Link>
        }
        title={mail.subject}
      />
      <Card>
        <DetailList
          items={[
            { term: "To", detail: mail.to },
            { term: "Kind", detail: mail.kind },
            { term: "Kept", detail: formatDateTime(mail.sentAt ?? mail.createdAt) },
            { term: "Message-ID", detail: <span className="mono">{mail.messageId}</span> },
          ]}
        />
      </Card>
      {links.length > 0 ? (
        <Card title="Links in this mail">
          <ul className="plain-list">
            {links.map((href) => (
              <li key={href}>
                <a className="link mono" href={href}>
                  {href}
                </a>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
      <Card title="Plain-text part">
        <pre className="mail-body">{mail.text}</pre>
      </Card>
    </div>
  );
}
