"use client";

import { useEffect, useRef, useState, type MouseEvent, type ReactNode } from "react";
import { useTranslations } from "next-intl";
import { Alert } from "@/app/_components/alert";
import { Badge } from "@/app/_components/badge";
import { IconMenu, IconSignOut, IconX } from "@/app/_components/icons";
import { Logo } from "@/app/_components/logo";
import { useBrand } from "@/app/_components/brand-context";
import { ConsoleNav } from "./console-nav";

const NAV_ID = "console-nav";

/** The agent console frame: top bar (product, agent, sign out), navigation and <main id="main">.
 *  Below 60rem the navigation and the account box fold into a "Menu" disclosure. */
export function ConsoleFrame({
  agent,
  signOutAction,
  devMailbox = false,
  children,
}: {
  agent: { name: string; email: string; role: "admin" | "agent" };
  signOutAction: (formData: FormData) => void | Promise<void>;
  /** No SMTP_URL: a banner on every page says buyers get no mail. */
  devMailbox?: boolean;
  children: ReactNode;
}) {
  const brand = useBrand();
  const t = useTranslations("console.frame");
  const [open, setOpen] = useState(false);
  const toggleRef = useRef<HTMLButtonElement>(null);

  function onPanelClick(event: MouseEvent<HTMLDivElement>) {
    // Following a link closes the menu (the layout stays mounted across console pages).
    if (event.target instanceof Element && event.target.closest("a")) setOpen(false);
  }

  useEffect(() => {
    if (!open) return;
    function onKeyDown(event: globalThis.KeyboardEvent) {
      if (event.key !== "Escape") return;
      setOpen(false);
      toggleRef.current?.focus();
    }
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [open]);

  const signOut = (
    <form action={signOutAction}>
      <button type="submit" className="btn btn--secondary btn--sm">
        <IconSignOut />
        {t("signOut")}
      </button>
    </form>
  );

  return (
    <div className="console">
      <header className="console__topbar">
        <Logo href="/agent" suffix={t("product")} />
        <span className="console__vendor">{brand.name}</span>
        <div className="console__who">
          <div className="console__agent">
            <span className="console__agent-name" title={agent.email}>
              {agent.name}
            </span>
            <Badge status={agent.role} />
          </div>
          {signOut}
        </div>
        <button
          ref={toggleRef}
          type="button"
          className="btn btn--secondary btn--sm console__menu-toggle"
          aria-expanded={open}
          aria-controls="console-sidebar"
          onClick={() => setOpen((value) => !value)}
        >
          {open ? <IconX /> : <IconMenu />}
          {t("menu")}
        </button>
      </header>
      <div className="console__body">
        <div
          id="console-sidebar"
          className={open ? "console__sidebar console__sidebar--open" : "console__sidebar"}
          onClick={onPanelClick}
          role="presentation"
        >
          <ConsoleNav isAdmin={agent.role === "admin"} id={NAV_ID} />
          <section className="console__account" aria-label={t("account")}>
            <div className="console__agent console__agent--panel">
              <span className="console__agent-name">{agent.name}</span>
              <span className="small muted">{agent.email}</span>
              <Badge status={agent.role} />
            </div>
            {signOut}
          </section>
        </div>
        <main id="main" tabIndex={-1} className="console__main">
          <div className="console__content">
            {devMailbox ? (
              <Alert tone="warning" title={t("devMailbox.title")}>
                {t("devMailbox.text")}
              </Alert>
            ) : null}
            {children}
          </div>
        </main>
      </div>
    </div>
  );
}
