import type { Metadata } from "next";
import { pageMetadata } from "@/lib/branding/metadata";
import { useTranslations } from "next-intl";
import { getTranslations } from "next-intl/server";
import { Button } from "./_components/button";
import { PublicShell } from "./_components/public-shell";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("notFound");
  return pageMetadata(t("metaTitle"));
}

export default function NotFound() {
  const t = useTranslations("notFound");
  const common = useTranslations("common");
  return (
    <PublicShell bare>
      <div className="status-page">
        <div className="status-page__box">
          <p className="status-page__code">{t("code")}</p>
          <h1>{t("title")}</h1>
          <p>{t("text")}</p>
          <div className="status-page__actions">
            <Button href="/lookup" variant="primary">
              {common("nav.findOrders")}
            </Button>
            <Button href="/">{common("home")}</Button>
          </div>
        </div>
      </div>
    </PublicShell>
  );
}
