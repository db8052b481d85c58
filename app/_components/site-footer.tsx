import Link from "next/link";
import type { TBrand } from "@/lib/branding/brand";
import { BrandFooter } from "./brand-footer";
import { IconLock } from "./icons";

/** Footer of every buyer page: help links, the discreet staff sign-in, a privacy note and the
 *  vendor's legal links. */
export function SiteFooter({ brand }: { brand: TBrand }) {
  return (
    <footer className="site-footer">
      <div className="container site-footer__inner">
        <p className="site-footer__note">
          <IconLock width={16} height={16} />
          <span>We never store card details. Your data is encrypted at rest.</span>
        </p>
        <nav aria-label="Footer">
          <ul>
            <li>
              <Link href="/lookup">Find my orders</Link>
            </li>
            <li>
              <Link href="/support/new">Contact support</Link>
            </li>
            <li>
              <Link href="/agent/login" prefetch={false}>
                Staff sign-in
              </Link>
            </li>
          </ul>
        </nav>
      </div>
      <BrandFooter brand={brand} />
    </footer>
  );
}
