"use client";

import Link from "next/link";
import { useEffect } from "react";
import { useBrand } from "./_components/brand-context";
import { BrandMark } from "./_components/brand-header";
import { useTranslations } from "next-intl";

/** The page shown when rendering a page fails: a friendly message, the reference to quote to
 *  support, retry and a way home — never the error's message or stack. */
export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  const digest = digestOf(error);
  const brand = useBrand();
  const t = useTranslations("errorPage");
  const title = `${t("documentTitle")} · ${brand.name}`;
  useEffect(() => {
    document.title = title;
  }, [title]);
  return (
    <main id="main" tabIndex={-1} className="status-page">
      <div className="status-page__box">
        <BrandMark name={brand.name} logoPath={brand.logoPath} />
        <p className="status-page__code">{t("code")}</p>
        <h1>{t("title")}</h1>
        <p>{digest ? t("textWithReference") : t("text")}</p>
        {digest ? (
          <p className="small">
            {t("reference")} <code className="mono">{digest}</code>
          </p>
        ) : null}
        <div className="status-page__actions">
          <button type="button" className="btn btn--primary" onClick={() => retry()}>
            {t("retry")}
          </button>
          <Link href="/" className="btn btn--secondary">
            {t("home")}
          </Link>
        </div>
      </div>
    </main>
  );
}

function digestOf(error: unknown): string | null {
  if (typeof error === "object" && error !== null && "digest" in error && typeof error.digest === "string") {
    return error.digest;
  }
  return null;
}
