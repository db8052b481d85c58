"use client";

import { NavLink } from "@/app/_components/nav-link";
import {
  IconChat,
  IconDashboard,
  IconDownload,
  IconInbox,
  IconKey,
  IconLock,
  IconReceipt,
  IconRefund,
  IconShield,
  IconSend,
  IconUsers,
} from "@/app/_components/icons";

const WORK_ITEMS = [
  { href: "/agent", label: "Dashboard", icon: <IconDashboard />, match: "exact" },
  { href: "/agent/orders", label: "Orders", icon: <IconReceipt />, match: "prefix" },
  { href: "/agent/tickets", label: "Tickets", icon: <IconInbox />, match: "prefix" },
  { href: "/agent/customers", label: "Customers", icon: <IconUsers />, match: "prefix" },
  { href: "/agent/refunds", label: "Refunds", icon: <IconRefund />, match: "prefix" },
  { href: "/agent/security", label: "Security", icon: <IconLock />, match: "prefix" },
] as const;

const ADMIN_ITEMS = [
  { href: "/agent/mailbox", label: "Mailbox", icon: <IconInbox />, match: "prefix" },
  { href: "/agent/outbox", label: "Outbox", icon: <IconSend />, match: "prefix" },
  { href: "/agent/agents", label: "Agents", icon: <IconUsers />, match: "prefix" },
  { href: "/agent/products", label: "Products", icon: <IconDownload />, match: "prefix" },
  { href: "/agent/stores", label: "Stores", icon: <IconKey />, match: "prefix" },
  { href: "/agent/canned-replies", label: "Canned replies", icon: <IconChat />, match: "prefix" },
  { href: "/agent/privacy", label: "Privacy", icon: <IconLock />, match: "prefix" },
  { href: "/agent/audit", label: "Audit log", icon: <IconShield />, match: "prefix" },
  { href: "/agent/settings", label: "Settings", icon: <IconShield />, match: "prefix" },
] as const;

/** The console's navigation links; admin-only sections appear for admins (the pages check again). */
export function ConsoleNav({ isAdmin, id }: { isAdmin: boolean; id: string }) {
  return (
    <nav id={id} className="console-nav" aria-label="Console">
      <ul className="console-nav__list">
        {WORK_ITEMS.map((item) => (
          <li key={item.href}>
            <NavLink href={item.href} icon={item.icon} match={item.match}>
              {item.label}
            </NavLink>
          </li>
        ))}
      </ul>
      {isAdmin ? (
        <>
          <p className="console-nav__group-label" id={`${id}-admin`}>
            Administration
          </p>
          <ul className="console-nav__list" aria-labelledby={`${id}-admin`}>
            {ADMIN_ITEMS.map((item) => (
              <li key={item.href}>
                <NavLink href={item.href} icon={item.icon} match={item.match}>
                  {item.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </nav>
  );
}
