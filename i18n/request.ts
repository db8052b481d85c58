// next-intl's request configuration (wired by the plugin in next.config.js): the language of each
// request, and its messages. URLs carry no language prefix — the language comes from the visitor's
// remembered choice (the keydesk-locale cookie, set by the language menu or a `?lang=` link, see
// proxy.ts) or else from Accept-Language, exactly as TRequestMeta.locale does for use cases.
import "server-only";
import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { env } from "@/lib/env";
import { messagesFor } from "@/lib/i18n/catalogue";
import { LOCALE_COOKIE, negotiateLocale, type TLocale } from "@/lib/i18n/locales";
import { PSEUDO_LOCALE, pseudoMessages } from "@/lib/i18n/pseudo";

/** The language of the current request, and whether the test-only pseudo-locale is on. */
export async function requestLocale(): Promise<{ locale: TLocale; pseudo: boolean }> {
  const [cookieStore, headerList] = await Promise.all([cookies(), headers()]);
  // The agent console stays English (the proxy marks its requests); its words are in the catalogue's
  // `console` namespace, ready for a later translation.
  if (headerList.get("x-keydesk-console") === "1") return { locale: "en", pseudo: false };
  const cookie = cookieStore.get(LOCALE_COOKIE)?.value ?? null;
  if (cookie === PSEUDO_LOCALE && env().pseudoLocale) return { locale: "en", pseudo: true };
  return { locale: negotiateLocale({ cookie, acceptLanguage: headerList.get("accept-language") }), pseudo: false };
}

export default getRequestConfig(async () => {
  const { locale, pseudo } = await requestLocale();
  const messages = messagesFor(locale);
  return {
    locale,
    messages: pseudo ? pseudoMessages(messages) : messages,
    // Dates on buyer pages are shown in UTC with the zone named, the same on server and browser.
    timeZone: "UTC",
  };
});
