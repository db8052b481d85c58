import "server-only";
import type { TBrand } from "@/lib/branding/brand";
import { translatorFor } from "@/lib/i18n/catalogue";
import type { TLocale } from "@/lib/i18n/locales";

// Until a vendor sets its name, the portal calls itself "Customer Support" — in the reader's
// language ("Kundensupport", "カスタマーサポート"): pages, <title>, Open Graph tags and the mails'
// From display name. A name the vendor set is shown exactly as set, in every language.
//
//   brandIn(await getBrand(), "de").name   // "Kundensupport" (no name set) or "Cloanto" (set)

const defaultNames = new Map<TLocale, string>();

function defaultBrandName(locale: TLocale): string {
  let name = defaultNames.get(locale);
  if (name === undefined) {
    const t = translatorFor(locale, "brand") as unknown as (key: string) => string;
    name = t("defaultName");
    defaultNames.set(locale, name);
  }
  return name;
}

/** The brand as a reader of `locale` sees it: the default name translated, a set name unchanged. */
export function brandIn(brand: TBrand, locale: TLocale): TBrand {
  return brand.named ? brand : { ...brand, name: defaultBrandName(locale) };
}
