import "server-only";
import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { env } from "@/lib/env";
import { brandLogoPath, type TBrand } from "@/lib/branding/brand";
import { getPageBrand } from "@/lib/branding/brand-name";

// Page metadata in the vendor's brand and the page's language: titles "Page · Vendor", the
// favicon (the logo, or the default icon), and Open Graph tags — a shared link shows the page's
// title, the brand and a translated description. Next.js replaces a parent's `openGraph` as a
// whole, so a page's own tags are rebuilt here in full:
//
//   export async function generateMetadata() {
//     const t = await getTranslations("orders");
//     return pageMetadata(t("title"));        // og:title "Your orders · Cloanto"
//   }

function openGraphOf(brand: TBrand, locale: string, title: string, description: string): Metadata["openGraph"] {
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

async function brandContext() {
  const [brand, locale, t] = await Promise.all([getPageBrand(), getLocale(), getTranslations("brand")]);
  return { brand, locale, description: t("description") };
}

/** The site-wide page metadata from the brand: the root layout's `generateMetadata`. */
export async function brandMetadata(): Promise<Metadata> {
  const { brand, locale, description } = await brandContext();
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

/** A buyer page's metadata: its (translated) title, and Open Graph tags "title · brand" with the description. */
export async function pageMetadata(
  title: string,
  extra: Omit<Metadata, "title" | "openGraph"> = {},
): Promise<Metadata> {
  const { brand, locale, description } = await brandContext();
  return { ...extra, title, openGraph: openGraphOf(brand, locale, `${title} · ${brand.name}`, description) };
}
