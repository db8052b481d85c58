"use client";

import { useTranslations } from "next-intl";
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

// Labels are keys of the catalogue's `console.nav` (English for now; a later issue translates them).
const WORK_ITEMS = [
  { href: "/agent", key: "dashboard", icon: <IconDashboard />, match: "exact" },
  { href: "/agent/orders", key: "orders", icon: <IconReceipt />, match: "prefix" },
  { href: "/agent/tickets", key: "tickets", icon: <IconInbox />, match: "prefix" },
  { href: "/agent/customers", key: "customers", icon: <IconUsers />, match: "prefix" },
  { href: "/agent/refunds", key: "refunds", icon: <IconRefund />, match: "prefix" },
  { href: "/agent/security", key: "security", icon: <IconLock />, match: "prefix" },
] as const;

const ADMIN_ITEMS = [
  { href: "/agent/mailbox", key: "mailbox", icon: <IconInbox />, match: "prefix" },
  { href: "/agent/outbox", key: "outbox", icon: <IconSend />, match: "prefix" },
  { href: "/agent/agents", key: "agents", icon: <IconUsers />, match: "prefix" },
  { href: "/agent/products", key: "products", icon: <IconDownload />, match: "prefix" },
  { href: "/agent/stores", key: "stores", icon: <IconKey />, match: "prefix" },
  { href: "/agent/canned-replies", key: "cannedReplies", icon: <IconChat />, match: "prefix" },
  { href: "/agent/privacy", key: "privacy", icon: <IconLock />, match: "prefix" },
  { href: "/agent/audit", key: "audit", icon: <IconShield />, match: "prefix" },
  { href: "/agent/settings", key: "settings", icon: <IconShield />, match: "prefix" },
] as const;

/** The console's navigation links; admin-only sections appear for admins (the pages check again). */
export function ConsoleNav({ isAdmin, id }: { isAdmin: boolean; id: string }) {
  const t = useTranslations("console.nav");
  return (
    <nav id={id} className="console-nav" aria-label={t("label")}>
      <ul className="console-nav__list">
        {WORK_ITEMS.map((item) => (
          <li key={item.href}>
            <NavLink href={item.href} icon={item.icon} match={item.match}>
              {t(item.key)}
            </NavLink>
          </li>
        ))}
      </ul>
      {isAdmin ? (
        <>
          <p className="console-nav__group-label" id={`${id}-admin`}>
            {t("administration")}
          </p>
          <ul className="console-nav__list" aria-labelledby={`${id}-admin`}>
            {ADMIN_ITEMS.map((item) => (
              <li key={item.href}>
                <NavLink href={item.href} icon={item.icon} match={item.match}>
                  {t(item.key)}
                </NavLink>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </nav>
  );
}
