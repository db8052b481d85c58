import type { ReactNode } from "react";
import { Container } from "./container";
import { LanguageMenu } from "./language-menu";
import { SiteFooter } from "./site-footer";
import { SiteHeader, type TNavItem } from "./site-header";

/** The frame of every buyer-facing page: header, <main id="main"> (the skip link's target) and
 *  footer. Use it in the (buyer) layout or a page; `bare` leaves width and padding to the page. */
export function PublicShell({
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
  return (
    <>
      <SiteHeader buyer={buyer} signOutAction={signOutAction} nav={nav} />
      <main id="main" tabIndex={-1} className={bare ? undefined : "page"}>
        {bare ? children : <Container size={width}>{children}</Container>}
      </main>
      <LanguageMenu />
      <SiteFooter />
    </>
  );
}
