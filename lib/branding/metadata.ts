import "server-only";
import type { Metadata } from "next";
import { getLocale } from "next-intl/server";
import { env } from "@/lib/env";
import { brandLogoPath, getBrand, type TBrand } from "@/lib/branding/brand";
import { brandIn } from "@/lib/branding/brand-name";
import { translatorFor } from "@/lib/i18n/catalogue";
import { isLocale, DEFAULT_LOCALE, type TLocale } from "@/lib/i18n/locales";

// Page metadata in the vendor's brand and the page's language: titles "Page · Vendor", the
// favicon (the logo, or the default icon), and Open Graph tags — a shared link shows the page's
// title, the brand and a translated description. Next.js replaces a parent's `openGraph` as a
// whole, so a page's own tags are rebuilt here in full:
//
//   export async function generateMetadata() {
//     const t = await getTranslations("orders");
//     return pageMetadata(t("title"));        // og:title "Your orders · Cloanto"
//   }

function openGraphOf(brand: TBrand, locale: TLocale, title: string, description: string): Metadata["openGraph"] {
  const logoPath = brandLogoPath(brand);
  return {
    type: "website",
    siteName: brand.name,
    locale: locale.replace("-", "_"),
    title,
    description,
    ...(logoPath && brand.logo
      ? { images: [{ url: logoPath, width: brand.logo.width, height: brand.logo.height, alt: brand.name }] }
      : {}),
  };
}

/** The brand as `locale` reads it, and the site's description in that language. */
async function brandContext(locale: TLocale) {
  const t = translatorFor(locale, "brand") as unknown as (key: string) => string;
  return { brand: brandIn(await getBrand(), locale), description: t("description") };
}

async function pageLocale(): Promise<TLocale> {
  const locale = await getLocale();
  return isLocale(locale) ? locale : DEFAULT_LOCALE;
}

/** The site-wide page metadata from the brand in `locale`: what the root layout's `generateMetadata` returns. */
export async function brandMetadataIn(locale: TLocale): Promise<Metadata> {
  const { brand, description } = await brandContext(locale);
  const logoPath = brandLogoPath(brand);
  return {
    metadataBase: new URL(env().appUrl),
    title: { default: brand.name, template: `%s · ${brand.name}` },
    description,
    applicationName: brand.name,
    icons: {
      icon:
        logoPath && brand.logo
          ? [{ url: logoPath, type: brand.logo.type }]
          : [
              { url: "/icon.svg", type: "image/svg+xml" },
              { url: "/favicon.ico", sizes: "32x32" },
            ],
    },
    openGraph: openGraphOf(brand, locale, brand.name, description),
    referrer: "same-origin",
    formatDetection: { telephone: false, email: false, address: false },
  };
}

/** The site-wide page metadata in the request's language (the root layout's `generateMetadata`). */
export async function brandMetadata(): Promise<Metadata> {
  return brandMetadataIn(await pageLocale());
}

/** A buyer page's metadata in `locale`: its title, and Open Graph tags "title · brand" with the description. */
export async function pageMetadataIn(
  locale: TLocale,
  title: string,
  extra: Omit<Metadata, "title" | "openGraph"> = {},
): Promise<Metadata> {
  const { brand, description } = await brandContext(locale);
  return { ...extra, title, openGraph: openGraphOf(brand, locale, `${title} · ${brand.name}`, description) };
}

/** A buyer page's metadata in the request's language (`pageMetadataIn` for this request). */
export async function pageMetadata(
  title: string,
  extra: Omit<Metadata, "title" | "openGraph"> = {},
): Promise<Metadata> {
  return pageMetadataIn(await pageLocale(), title, extra);
}
