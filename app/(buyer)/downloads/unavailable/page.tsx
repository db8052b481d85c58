import type { Metadata } from "next";
import { pageMetadata } from "@/lib/branding/metadata";
import { getTranslations } from "next-intl/server";
import { Button } from "@/app/_components/button";
import { IconDownload } from "@/app/_components/icons";
import { ZDownloadFailure } from "@/lib/downloads/schemas";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("downloadUnavailable");
  return pageMetadata(t("metaTitle"), { robots: { index: false } });
}

/** Where a download link that cannot serve its file lands: what happened and how to get a new one. */
export default async function DownloadUnavailablePage({
  searchParams,
}: {
  searchParams: Promise<{ reason?: string | string[] }>;
}) {
  const reason = ZDownloadFailure.parse((await searchParams).reason);
  const t = await getTranslations("downloadUnavailable");
  return (
    <div className="status-page">
      <div className="status-page__box">
        <p className="status-page__code">
          <IconDownload /> {t("code")}
        </p>
        <h1>{t(`reasons.${reason}.title`)}</h1>
        <p>{t(`reasons.${reason}.text`)}</p>
        <div className="status-page__actions">
          <Button href="/orders" variant="primary">
            {t("orders")}
          </Button>
          <Button href="/lookup">{t("lookup")}</Button>
          {reason === "revoked" || reason === "missing" ? <Button href="/support/new">{t("support")}</Button> : null}
        </div>
      </div>
    </div>
  );
}
