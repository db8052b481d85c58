"use client";

import "./globals.css";
import { useEffect, useState } from "react";
import { createTranslator } from "next-intl";
import english from "@/messages/en/portal.json";
import { DEFAULT_LOCALE, matchLocale, type TLocale } from "@/lib/i18n/locales";

type TPortal = typeof english;

/** Last-resort page when even the root layout fails; it renders its own document (no provider
 *  around it), so it picks the browser's language itself and loads that catalogue on demand. */
export default function GlobalError({ error, retry }: { error: unknown; retry: () => void }) {
  const [locale, setLocale] = useState<TLocale>(DEFAULT_LOCALE);
  const [messages, setMessages] = useState<TPortal>(english);
  useEffect(() => {
    const wanted = navigator.languages.map(matchLocale).find((match) => match !== null) ?? DEFAULT_LOCALE;
    if (wanted === DEFAULT_LOCALE) return;
    void import(`@/messages/${wanted}/portal.json`).then((loaded: { default: TPortal }) => {
      setMessages(loaded.default);
      setLocale(wanted);
    });
  }, []);
  const t = createTranslator({ locale, messages, namespace: "globalError" });
  const digest =
    typeof error === "object" && error !== null && "digest" in error && typeof error.digest === "string"
      ? error.digest
      : null;
  return (
    <html lang={locale}>
      <body>
        <title>{t("documentTitle")}</title>
        <main id="main" className="status-page">
          <div className="status-page__box">
            <p className="status-page__code">{t("code")}</p>
            <h1>{t("title")}</h1>
            <p>{t("text")}</p>
            {digest ? (
              <p className="small">
                {t("reference")} <code className="mono">{digest}</code>
              </p>
            ) : null}
            <div className="status-page__actions">
              <button type="button" className="btn btn--primary" onClick={() => retry()}>
                {t("retry")}
              </button>
              {/* A full page load on purpose: the app shell itself failed. */}
              <a href="/" className="btn btn--secondary">
                {t("home")}
              </a>
            </div>
          </div>
        </main>
      </body>
    </html>
  );
}
