import "server-only";
import { getTranslations } from "next-intl/server";
import { getBrand, type TBrand } from "@/lib/branding/brand";

// The brand for the page being rendered (pages and layouts only: it reads the request's language).
// Apart from lib/branding/brand-name.ts so that the worker and the CLI, which render mails with
// `brandIn`, never load next-intl's server entry.

/** The brand for the page being rendered, its default name in the page's language (and pseudo-locale). */
export async function getPageBrand(): Promise<TBrand> {
  const [brand, t] = await Promise.all([getBrand(), getTranslations("brand")]);
  return brand.named ? brand : { ...brand, name: t("defaultName") };
}
