import "server-only";
import type { ReactNode } from "react";
import { db, type TTx } from "@/lib/db";
import type { TBrand } from "@/lib/branding/brand";
import { brandIn } from "@/lib/branding/brand-name";
import { DEFAULT_LOCALE, isLocale, type TLocale } from "@/lib/i18n/locales";
import { translatorFor } from "@/lib/i18n/catalogue";

// What a mail template renders in — the buyer's language, its translator and date format, and the
// vendor's brand as that language reads it — and which language a mail to a buyer is written in.
//
//   const ctx = mailContext("de", brand);      // ctx.t("signIn.subject") → "Ihr Anmeldelink"

/** The translator of mail.json ("signIn.subject" …) in one language (ICU plurals, selects). */
export type TMailTranslator = (key: string, values?: Record<string, string | number>) => string;

/** What a template gets: the language, its translator and formatters, and the brand. */
export interface TMailContext {
  locale: TLocale;
  brand: TBrand;
  t: TMailTranslator;
  /** A calendar date in the buyer's language ("12. März 2026", "2026年3月12日"). */
  date(value: Date): string;
}

/** What a template returns: the subject and the element tree (a <MailLayout> with its body). */
export interface TMailView {
  subject: string;
  element: ReactNode;
}

/** A rendered mail, ready for `enqueueMail` (From display name and Reply-To from the brand). */
export interface TRenderedMail {
  subject: string;
  html: string;
  text: string;
  fromName: string;
  replyTo?: string;
  /** `Content-Language`: the mail's language, for clients and filters that read it. */
  headers: { "Content-Language": TLocale };
}

/** The buyer's language from a stored or requested tag; unknown or missing → English. */
export function mailLocale(...candidates: (string | null | undefined)[]): TLocale {
  return candidates.find((c): c is TLocale => isLocale(c)) ?? DEFAULT_LOCALE;
}

const translators = new Map<TLocale, TMailTranslator>();

/** One translator per language for the life of the process: it keeps its parsed ICU messages. */
function mailTranslator(locale: TLocale): TMailTranslator {
  let t = translators.get(locale);
  if (!t) {
    const translate = translatorFor(locale, "mail") as unknown as TMailTranslator;
    t = (key, values) => translate(key, values);
    translators.set(locale, t);
  }
  return t;
}

/** The context a template renders in: the language and the brand as that language reads it (its default name translated). */
export function mailContext(locale: TLocale, vendorBrand: TBrand): TMailContext {
  const brand = brandIn(vendorBrand, locale);
  let formatter: Intl.DateTimeFormat | undefined;
  const date = (value: Date) => {
    formatter ??= new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" });
    return formatter.format(value);
  };
  return { locale, brand, t: mailTranslator(locale), date };
}

/** The language a known customer chose (remembered on the customer), else `fallback`, else English. */
export async function customerMailLocale(
  tx: TTx | undefined,
  customerId: string | null | undefined,
  fallback?: string | null,
): Promise<TLocale> {
  if (!customerId) return mailLocale(fallback);
  const row = await (tx ?? db()).customer.findUnique({ where: { id: customerId }, select: { locale: true } });
  return mailLocale(row?.locale, fallback);
}
