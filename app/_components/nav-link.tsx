"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";

/** A navigation link that marks itself aria-current="page" on its own page (`exact`) or, with
 *  `prefix`, anywhere below it (/agent/orders/123 highlights "Orders"). */
export function NavLink({
  href,
  children,
  icon,
  match = "prefix",
}: {
  href: string;
  children: ReactNode;
  icon?: ReactNode;
  match?: "exact" | "prefix";
}) {
  const pathname = usePathname();
  const current = match === "exact" ? pathname === href : pathname === href || pathname.startsWith(`${href}/`);
  return (
    <Link href={href} className="nav-link" aria-current={current ? "page" : undefined}>
      {icon}
      {children}
    </Link>
  );
}
