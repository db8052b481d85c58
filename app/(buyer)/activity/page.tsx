import type { Metadata } from "next";
import { pageMetadata } from "@/lib/branding/metadata";
import { useTranslations } from "next-intl";
import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { requireBuyer } from "@/lib/auth/guards";
import { getActivityPage } from "@/lib/accounts/get-activity-page";
import { Badge } from "@/app/_components/badge";
import { Card } from "@/app/_components/card";
import { DataTable } from "@/app/_components/data-table";
import { PageHeader } from "@/app/_components/page-header";
import { SubmitButton } from "@/app/_components/submit-button";
import { IconSignOut } from "@/app/_components/icons";
import { formatterFor } from "@/app/_components/format";
import { signOutEverywhere } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("activity");
  return pageMetadata(t("title"));
}

export default async function ActivityPage() {
  const buyer = await requireBuyer();
  const [{ signIns, events }, t, locale] = await Promise.all([
    getActivityPage(buyer),
    getTranslations("activity"),
    getLocale(),
  ]);
  const format = formatterFor(locale);
  return (
    <div className="stack stack--lg">
      <PageHeader
        eyebrow={
          <Link className="link" href="/orders">
            {t("back")}
          </Link>
        }
        title={t("title")}
        description={t("description")}
      />
      <Card
        title={t("signIns.title")}
        description={t("signIns.description")}
        flush
        footer={
          <form action={signOutEverywhere} className="cluster">
            <SubmitButton variant="danger" size="sm" icon={<IconSignOut />} pendingLabel={t("signIns.signingOut")}>
              {t("signIns.everywhere")}
            </SubmitButton>
            <span className="small muted">{t("signIns.everywhereHint")}</span>
          </form>
        }
      >
        <DataTable
          caption={t("signIns.title")}
          captionHidden
          columns={[{ label: t("signIns.signedIn") }, { label: t("signIns.browser") }]}
        >
          {signIns.map((session) => (
            <tr key={session.id}>
              <th scope="row">
                <div className="stack stack--sm">
                  <span>{format.dateTime(session.createdAt)}</span>
                  <span className="cluster">
                    {session.current ? <Badge tone="info">{t("signIns.thisBrowser")}</Badge> : null}
                    {session.active ? (
                      <Badge tone="success">{t("signIns.active")}</Badge>
                    ) : (
                      <Badge tone="neutral">{t("signIns.ended")}</Badge>
                    )}
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
        title={t("events.title")}
        description={t("events.description", { count: events.length === 50 ? 50 : 0 })}
        flush
      >
        {events.length === 0 ? (
          <p className="muted card__body">{t("events.none")}</p>
        ) : (
          <DataTable
            caption={t("events.title")}
            captionHidden
            columns={[{ label: t("events.when") }, { label: t("events.what") }]}
          >
            {events.map((event) => (
              <tr key={event.id}>
                <th scope="row">{format.dateTime(event.at)}</th>
                <td>
                  <strong>{t(`actions.${event.labelKey}` as never)}</strong>
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
  const t = useTranslations("activity");
  return (
    <div className="small muted">
      <span title={userAgent ?? undefined}>{browser}</span> · {t("ip")}{" "}
      <span className="mono">{ip ?? t("unknownIp")}</span>
    </div>
  );
}
