// The message catalogues: one folder per language under messages/, one JSON file per part of the
// product — portal.json (buyer pages, form messages, validation errors) and mail.json (every buyer
// mail); console.json (the agent console's shared words) exists in English only for now: the console
// is always served in English (i18n/request.ts), and a later translation adds the other languages'
// files. ICU message syntax (plurals, selects, dates).
//
//   const t = translatorFor("de", "mail");        // in the worker, a CLI, a use case
//   t("signIn.subject", { vendor: brand.name });  // "Ihr Anmeldelink für …"
//
// Pages use next-intl's own getTranslations/useTranslations, fed by messagesFor() in i18n/request.ts.
// use-intl/core: the same translator as next-intl's, without React — it also runs in the worker and the CLI
// (the react-server export condition would otherwise load next-intl's React entry there).
import { createTranslator } from "use-intl/core";
import { DEFAULT_LOCALE, type TLocale } from "@/lib/i18n/locales";
import enPortal from "@/messages/en/portal.json";
import enMail from "@/messages/en/mail.json";
import enConsole from "@/messages/en/console.json";
import dePortal from "@/messages/de/portal.json";
import deMail from "@/messages/de/mail.json";
import frPortal from "@/messages/fr/portal.json";
import frMail from "@/messages/fr/mail.json";
import itPortal from "@/messages/it/portal.json";
import itMail from "@/messages/it/mail.json";
import esPortal from "@/messages/es/portal.json";
import esMail from "@/messages/es/mail.json";
import jaPortal from "@/messages/ja/portal.json";
import jaMail from "@/messages/ja/mail.json";
import zhPortal from "@/messages/zh-CN/portal.json";
import zhMail from "@/messages/zh-CN/mail.json";

/** The English catalogue's shape; every other language must have the same keys (the compiler checks it here, a test checks no extra ones). */
export type TMessages = typeof enPortal & { mail: typeof enMail; console?: typeof enConsole };

const CATALOGUES: Record<TLocale, TMessages> = {
  en: { ...enPortal, mail: enMail, console: enConsole },
  de: { ...dePortal, mail: deMail },
  fr: { ...frPortal, mail: frMail },
  it: { ...itPortal, mail: itMail },
  es: { ...esPortal, mail: esMail },
  ja: { ...jaPortal, mail: jaMail },
  "zh-CN": { ...zhPortal, mail: zhMail },
};

/** Every message of one language (portal and mail; English also the console), for next-intl's request config and tests. */
export function messagesFor(locale: TLocale): TMessages {
  return CATALOGUES[locale];
}

/** A translator outside React (mails, CLI, use cases): `translatorFor(locale, "mail")("signIn.subject", …)`. */
export function translatorFor<TNamespace extends string>(locale: TLocale, namespace: TNamespace) {
  return createTranslator({
    locale,
    messages: messagesFor(locale),
    namespace: namespace as never,
    // A key missing in one language falls back to English text rather than printing the key path.
    getMessageFallback: ({ key, namespace: ns }) => {
      const english = createTranslator({ locale: DEFAULT_LOCALE, messages: CATALOGUES.en });
      const path = ns ? `${ns}.${key}` : key;
      return english.has(path as never) ? english(path as never) : path;
    },
  });
}
