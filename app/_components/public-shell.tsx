import type { ReactNode } from "react";
import { brandLogoPath } from "@/lib/branding/brand";
import { getPageBrand } from "@/lib/branding/page-brand";
import { BrandTheme } from "./brand-header";
import { Container } from "./container";
import { LanguageMenu } from "./language-menu";
import { SiteFooter } from "./site-footer";
import { SiteHeader, type TNavItem } from "./site-header";

/** The frame of every buyer-facing page in the vendor's brand (logo, colour, legal links): header, <main id="main"> (the skip link's target) and
 *  footer. Use it in the (buyer) layout or a page; `bare` leaves width and padding to the page. */
export async function PublicShell({
  children,
  buyer,
  signOutAction,
  nav,
  width = "default",
  bare = false,
}: {
  children: ReactNode;
  buyer?: { email: string } | null;
  signOutAction?: (formData: FormData) => void | Promise<void>;
  nav?: TNavItem[];
  width?: "narrow" | "default" | "wide";
  bare?: boolean;
}) {
  const brand = await getPageBrand();
  return (
    <>
      <BrandTheme primaryColor={brand.primaryColor} />
      <SiteHeader
        brand={{ name: brand.name, logoPath: brandLogoPath(brand) }}
        buyer={buyer}
        signOutAction={signOutAction}
        nav={nav}
      />
      <main id="main" tabIndex={-1} className={bare ? undefined : "page"}>
        {bare ? children : <Container size={width}>{children}</Container>}
      </main>
      <LanguageMenu />
      <SiteFooter brand={brand} />
    </>
  );
}
