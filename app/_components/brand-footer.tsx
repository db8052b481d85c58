import { useTranslations } from "next-intl";
import type { TBrand } from "@/lib/branding/brand";

/** The vendor's links and legal line in the buyer footer, and the small "Powered by Keydesk". */
export function BrandFooter({ brand }: { brand: TBrand }) {
  const t = useTranslations("common.legal");
  const links = [
    brand.privacyUrl ? { href: brand.privacyUrl, label: t("privacy") } : null,
    brand.termsUrl ? { href: brand.termsUrl, label: t("terms") } : null,
    brand.imprintUrl ? { href: brand.imprintUrl, label: t("imprint") } : null,
    brand.supportEmail ? { href: `mailto:${brand.supportEmail}`, label: brand.supportEmail } : null,
  ].filter((link) => link !== null);
  if (links.length === 0 && !brand.company && !brand.poweredBy) return null;
  return (
    <div className="container brand-footer">
      {links.length > 0 ? (
        <nav aria-label={t("nav")}>
          <ul>
            {links.map((link) => (
              <li key={link.href}>
                <a href={link.href} rel="noopener">
                  {link.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      {brand.company ? <p className="brand-footer__company small muted">{brand.company}</p> : null}
      {brand.poweredBy ? <p className="brand-footer__powered small muted">{t("poweredBy")}</p> : null}
    </div>
  );
}
