import Link from "next/link";
import { useTranslations } from "next-intl";
import type { TBrand } from "@/lib/branding/brand";
import { BrandFooter } from "./brand-footer";
import { IconLock } from "./icons";

/** Footer of every buyer page: help links, the discreet staff sign-in, a privacy note and the
 *  vendor's legal links. */
export function SiteFooter({ brand }: { brand: TBrand }) {
  const t = useTranslations("common");
  return (
    <footer className="site-footer">
      <div className="container site-footer__inner">
        <p className="site-footer__note">
          <IconLock width={16} height={16} />
          <span>{t("footerNote")}</span>
        </p>
        <nav aria-label={t("nav.footer")}>
          <ul>
            <li>
              <Link href="/lookup">{t("nav.findOrders")}</Link>
            </li>
            <li>
              <Link href="/support/new">{t("nav.contactSupport")}</Link>
            </li>
            <li>
              <Link href="/agent/login" prefetch={false}>
                {t("nav.staffSignIn")}
              </Link>
            </li>
          </ul>
        </nav>
      </div>
      <BrandFooter brand={brand} />
    </footer>
  );
}
