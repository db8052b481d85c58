import { Suspense } from "react";
import { getLocale, getTranslations } from "next-intl/server";
import { env } from "@/lib/env";
import { isLocale } from "@/lib/i18n/locales";
import { changeLanguage } from "@/app/actions";
import { LanguageMenuForm } from "./language-menu-form";

/** The language menu of every buyer page (in PublicShell), with the page's hreflang alternates. */
export async function LanguageMenu() {
  const [locale, t] = await Promise.all([getLocale(), getTranslations("common.language")]);
  return (
    <div className="language-bar">
      <div className="container language-bar__inner">
        <Suspense>
          <LanguageMenuForm
            locale={isLocale(locale) ? locale : "en"}
            appUrl={env().appUrl}
            action={changeLanguage}
            labels={{ menu: t("menu"), change: t("change") }}
          />
        </Suspense>
      </div>
    </div>
  );
}
