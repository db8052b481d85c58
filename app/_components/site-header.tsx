import { BrandMark } from "./brand-header";
import { NavLink } from "./nav-link";
import { IconSignOut } from "./icons";

export interface TNavItem {
  href: string;
  label: string;
}

const GUEST_NAV: TNavItem[] = [
  { href: "/lookup", label: "Find my orders" },
  { href: "/support/new", label: "Contact support" },
];

const BUYER_NAV: TNavItem[] = [
  { href: "/orders", label: "Orders" },
  { href: "/support", label: "Support" },
  { href: "/account", label: "Account" },
];

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
  const items = nav ?? (buyer ? BUYER_NAV : GUEST_NAV);
  return (
    <header className="site-header">
      <div className="container site-header__inner">
        <BrandMark name={brand.name} logoPath={brand.logoPath} />
        <nav className="site-nav" aria-label="Main">
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
                Sign out
              </button>
            </form>
          </div>
        ) : null}
      </div>
    </header>
  );
}
