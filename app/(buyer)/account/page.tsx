import type { Metadata } from "next";
import { pageMetadata } from "@/lib/branding/metadata";
import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { requireBuyer } from "@/lib/auth/guards";
import { getAccountPage } from "@/lib/accounts/get-account-page";
import { Alert } from "@/app/_components/alert";
import { Badge } from "@/app/_components/badge";
import { Card } from "@/app/_components/card";
import { DataTable } from "@/app/_components/data-table";
import { PageHeader } from "@/app/_components/page-header";
import { IconDownload } from "@/app/_components/icons";
import { formatterFor } from "@/app/_components/format";
import { DetailsForm } from "./_components/details-form";
import { EmailForm } from "./_components/email-form";
import { NewsletterForm } from "./_components/newsletter-form";
import { EndSessionForm } from "./_components/end-session-form";
import { ErasureForm } from "./_components/erasure-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("account");
  return pageMetadata(t("title"));
}

export default async function AccountPage({ searchParams }: { searchParams: Promise<{ export?: string }> }) {
  const buyer = await requireBuyer();
  const locale = await getLocale();
  const [{ account, countries, activeSessions: active, activity }, params, t, activityT] = await Promise.all([
    getAccountPage(buyer, locale),
    searchParams,
    getTranslations("account"),
    getTranslations("activity"),
  ]);
  const format = formatterFor(locale);
  const address = account.address;
  return (
    <div className="stack stack--lg">
      <PageHeader title={t("title")} description={t("description")} />

      <Card title={t("details.title")} description={t("details.description")}>
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
        title={t("email.title")}
        description={t.rich("email.description", {
          email: account.email,
          strong: (chunks) => <strong>{chunks}</strong>,
        })}
      >
        <EmailForm />
      </Card>

      <Card
        title={t("newsletter.title")}
        description={
          account.newsletter
            ? account.newsletterAt
              ? t("newsletter.subscribedSince", { date: format.date(account.newsletterAt) })
              : t("newsletter.subscribed")
            : t("newsletter.notSubscribed")
        }
        actions={
          account.newsletter ? (
            <Badge tone="success">{t("newsletter.badgeOn")}</Badge>
          ) : (
            <Badge tone="neutral">{t("newsletter.badgeOff")}</Badge>
          )
        }
      >
        <NewsletterForm subscribed={account.newsletter} />
      </Card>

      <Card
        title={t("sessions.title")}
        description={t.rich("sessions.description", {
          history: (chunks) => (
            <Link className="link" href="/activity">
              {chunks}
            </Link>
          ),
        })}
        flush
        footer={
          active.length > 1 ? (
            <EndSessionForm sessionId="others" label={t("sessions.endOthers")} />
          ) : (
            <span className="small muted">{t("sessions.noOthers")}</span>
          )
        }
      >
        <DataTable
          caption={t("sessions.title")}
          captionHidden
          columns={[
            { label: t("sessions.columns.browser") },
            { label: t("sessions.columns.signedIn") },
            { label: t("sessions.columns.lastSeen") },
            { label: t("sessions.columns.action") },
          ]}
        >
          {active.map((session) => (
            <tr key={session.id}>
              <th scope="row" title={session.userAgent ?? undefined}>
                {session.browser}
                {session.ip ? <div className="small muted mono">{session.ip}</div> : null}
              </th>
              <td className="nowrap">{format.dateTime(session.createdAt)}</td>
              <td className="nowrap">{format.dateTime(session.lastSeenAt)}</td>
              <td>
                {session.current ? (
                  <Badge tone="info">{t("sessions.thisBrowser")}</Badge>
                ) : (
                  <EndSessionForm
                    sessionId={session.id}
                    label={t("sessions.signOut")}
                    what={t("sessions.signOutWhat", { date: format.dateTime(session.createdAt) })}
                  />
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      </Card>

      <Card title={t("changes.title")} flush>
        {activity.length === 0 ? (
          <p className="muted card__body">{t("changes.none")}</p>
        ) : (
          <DataTable
            caption={t("changes.title")}
            captionHidden
            columns={[{ label: t("changes.when") }, { label: t("changes.what") }, { label: t("changes.by") }]}
          >
            {activity.map((event) => (
              <tr key={event.id}>
                <th scope="row" className="nowrap">
                  {format.dateTime(event.at)}
                </th>
                <td>{activityT(`actions.${event.labelKey}` as never)}</td>
                <td>{activityT(`by.${event.byKey}`)}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </Card>

      <Card id="your-data" title={t("data.title")} description={t("data.description")}>
        <div className="stack">
          {params.export === "limited" ? <Alert tone="warning">{t("data.limited")}</Alert> : null}
          <form method="post" action="/account/export">
            <button type="submit" className="btn btn--secondary">
              <IconDownload />
              {t("data.download")}
            </button>
          </form>
        </div>
      </Card>

      <Card title={t("erasure.title")} description={t("erasure.description")}>
        <div className="stack">
          {account.pendingErasure ? (
            <Alert tone="warning" title={t("erasure.requestedTitle")}>
              {t("erasure.requestedText", { date: format.date(account.pendingErasure.createdAt) })}
            </Alert>
          ) : (
            <div className="prose small">
              <p>{t("erasure.whenApproved")}</p>
              <ul>
                <li>{t("erasure.erased")}</li>
                <li>{t("erasure.kept")}</li>
                <li>{t("erasure.keys")}</li>
                <li>{t("erasure.lastMail")}</li>
              </ul>
            </div>
          )}
          <ErasureForm pending={account.pendingErasure !== null} />
        </div>
      </Card>
    </div>
  );
}
