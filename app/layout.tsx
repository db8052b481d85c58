import type { Metadata, Viewport } from "next";
import { connection } from "next/server";
import { brandLogoPath } from "@/lib/branding/brand";
import { getPageBrand } from "@/lib/branding/page-brand";
import { brandMetadata } from "@/lib/branding/metadata";
import { BrandProvider } from "./_components/brand-context";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getMessages, getTranslations } from "next-intl/server";
import { clientMessages } from "./_components/client-messages";
import "./globals.css";

/** Titles, favicon and Open Graph tags carry the vendor's brand (lib/branding/metadata.ts). */
export async function generateMetadata(): Promise<Metadata> {
  return brandMetadata();
}

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  colorScheme: "light dark",
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#ffffff" },
    { media: "(prefers-color-scheme: dark)", color: "#161b22" },
  ],
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Render every page per request: proxy.ts puts a fresh CSP nonce on each request, and Next.js
  // adds it to its own <script> tags only when the page is rendered dynamically.
  await connection();
  const [brand, locale, messages, t] = await Promise.all([
    getPageBrand(),
    getLocale(),
    getMessages(),
    getTranslations("common"),
  ]);
  return (
    <html lang={locale}>
      <body>
        <a href="#main" className="skip-link">
          {t("skipLink")}
        </a>
        <NextIntlClientProvider messages={clientMessages(messages)}>
          <BrandProvider brand={{ name: brand.name, logoPath: brandLogoPath(brand) }}>{children}</BrandProvider>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
