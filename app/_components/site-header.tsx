import { useTranslations } from "next-intl";
import { Logo } from "./logo";
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

/** Header of every buyer page: logo, main navigation and, for a signed-in buyer, their address
 *  and a "Sign out" button posting to `signOutAction`. */
export function SiteHeader({
  buyer,
  signOutAction,
  nav,
}: {
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
        <Logo />
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
