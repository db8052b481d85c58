import { useTranslations } from "next-intl";
import { BrandMark } from "./brand-header";
import { NavLink } from "./nav-link";
import { IconSignOut } from "./icons";

export interface TNavItem {
  href: string;
  label: string;
}

// Labels are keys of the catalogue's `common.nav`.
const GUEST_NAV = [
  { href: "/lookup", key: "findOrders" },
  { href: "/support/new", key: "contactSupport" },
] as const;

const BUYER_NAV = [
  { href: "/orders", key: "orders" },
  { href: "/support", key: "support" },
  { href: "/account", key: "account" },
] as const;

/** Header of every buyer page: the vendor's logo or name, main navigation and, for a signed-in buyer, their address
 *  and a "Sign out" button posting to `signOutAction`. */
export function SiteHeader({
  brand,
  buyer,
  signOutAction,
  nav,
}: {
  /** The vendor's name and logo. */
  brand: { name: string; logoPath: string | null };
  /** The signed-in buyer, or null/undefined for guests. */
  buyer?: { email: string } | null;
  /** Server action that ends the buyer session. */
  signOutAction?: (formData: FormData) => void | Promise<void>;
  /** Overrides the default links. */
  nav?: TNavItem[];
}) {
  const t = useTranslations("common");
  const items =
    nav ?? (buyer ? BUYER_NAV : GUEST_NAV).map((item) => ({ href: item.href, label: t(`nav.${item.key}`) }));
  return (
    <header className="site-header">
      <div className="container site-header__inner">
        <BrandMark name={brand.name} logoPath={brand.logoPath} />
        <nav className="site-nav" aria-label={t("nav.main")}>
          <ul>
            {items.map((item) => (
              <li key={item.href}>
                <NavLink href={item.href}>{item.label}</NavLink>
              </li>
            ))}
          </ul>
        </nav>
        {buyer && signOutAction ? (
          <div className="site-header__account">
            <span className="site-header__email small muted" title={buyer.email}>
              {buyer.email}
            </span>
            <form action={signOutAction}>
              <button type="submit" className="btn btn--ghost btn--sm">
                <IconSignOut />
                {t("signOut")}
              </button>
            </form>
          </div>
        ) : null}
      </div>
    </header>
  );
}
