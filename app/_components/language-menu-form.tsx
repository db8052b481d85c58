"use client";
import { usePathname, useSearchParams } from "next/navigation";
import { LOCALE_NAMES, LOCALES, type TLocale } from "@/lib/i18n/locales";
import { IconGlobe } from "./icons";

/**
 * The language menu's form and the page's hreflang alternates. Rendered on the server too, so it
 * works without JavaScript: a <select> and a button posting to the changeLanguage action, with the
 * current page as the way back. Alternates: URLs carry no language, so each language's version of a
 * page is the same URL with `?lang=xx` (proxy.ts turns it into the language cookie); x-default is the
 * plain URL, which follows the browser's Accept-Language.
 */
export function LanguageMenuForm({
  locale,
  appUrl,
  action,
  labels,
}: {
  locale: TLocale;
  appUrl: string;
  action: (formData: FormData) => void | Promise<void>;
  labels: { menu: string; change: string };
}) {
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const query = new URLSearchParams(searchParams);
  query.delete("lang");
  const rest = query.toString();
  const returnTo = rest ? `${pathname}?${rest}` : pathname;
  const alternate = (lang: TLocale) => {
    const withLang = new URLSearchParams(query);
    withLang.set("lang", lang);
    return `${appUrl}${pathname}?${withLang.toString()}`;
  };
  return (
    <>
      {LOCALES.map((lang) => (
        <link key={lang} rel="alternate" hrefLang={lang} href={alternate(lang)} />
      ))}
      <link rel="alternate" hrefLang="x-default" href={`${appUrl}${returnTo}`} />
      <form action={action} className="language-menu">
        <input type="hidden" name="returnTo" value={returnTo} />
        <label htmlFor="language-menu-select" className="language-menu__label">
          <IconGlobe width={16} height={16} />
          <span>{labels.menu}</span>
        </label>
        <select id="language-menu-select" name="locale" defaultValue={locale} className="language-menu__select">
          {LOCALES.map((lang) => (
            <option key={lang} value={lang} lang={lang}>
              {LOCALE_NAMES[lang]}
            </option>
          ))}
        </select>
        <button type="submit" className="btn btn--secondary btn--sm">
          {labels.change}
        </button>
      </form>
    </>
  );
}
