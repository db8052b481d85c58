import "server-only";
import type { Metadata } from "next";
import { env } from "@/lib/env";
import { brandLogoPath, getBrand } from "@/lib/branding/brand";

/**
 * The site-wide page metadata from the brand: titles "Page · Vendor", the favicon (the logo, or the
 * default icon), Open Graph site name, title and image. The root layout's `generateMetadata`.
 */
export async function brandMetadata(): Promise<Metadata> {
  const brand = await getBrand();
  const logoPath = brandLogoPath(brand);
  return {
    metadataBase: new URL(env().appUrl),
    title: { default: brand.name, template: `%s · ${brand.name}` },
    description: "Find your orders, licence keys and downloads, and talk to support.",
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
    openGraph: {
      type: "website",
      siteName: brand.name,
      title: brand.name,
      ...(logoPath && brand.logo
        ? { images: [{ url: logoPath, width: brand.logo.width, height: brand.logo.height, alt: brand.name }] }
        : {}),
    },
    referrer: "same-origin",
    formatDetection: { telephone: false, email: false, address: false },
  };
}
