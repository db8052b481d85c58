"use client";

import { useEffect, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { buttonClassName, type TButtonSize, type TButtonVariant } from "./button";
import { IconCheck, IconCopy } from "./icons";

/** Copy `value` with the Clipboard API (or a selection fallback); the result is announced to
 *  screen readers. `what` names what is copied, for screen readers: what="licence key for Acme Pro"
 *  makes the button "Copy licence key for Acme Pro", then "Copied licence key for Acme Pro". */
export function CopyButton({
  value,
  label,
  copiedLabel,
  what,
  variant = "secondary",
  size = "sm",
  onCopied,
}: {
  value: string;
  label?: string;
  copiedLabel?: string;
  what?: string;
  variant?: TButtonVariant;
  size?: TButtonSize;
  onCopied?: () => void;
}) {
  const t = useTranslations("common.copy");
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  const idleText = label ?? t("copy");
  const copiedText = copiedLabel ?? t("copied");
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => () => clearTimeout(timer.current), []);

  async function copy() {
    let ok = false;
    try {
      await navigator.clipboard.writeText(value);
      ok = true;
    } catch {
      ok = copyWithSelection(value);
    }
    setState(ok ? "copied" : "failed");
    if (ok) onCopied?.();
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setState("idle"), 2500);
  }

  return (
    <>
      <button
        type="button"
        className={buttonClassName({ variant, size })}
        onClick={() => void copy()}
        aria-label={what ? t(state === "copied" ? "copiedWhat" : "copyWhat", { what }) : undefined}
      >
        {state === "copied" ? <IconCheck /> : <IconCopy />}
        {state === "copied" ? copiedText : idleText}
      </button>
      <span className="sr-only" role="status" aria-live="polite">
        {state === "copied" ? t("copiedStatus") : state === "failed" ? t("failedStatus") : ""}
      </span>
    </>
  );
}

/** Fallback for browsers without clipboard permission: copy through a temporary selection. */
function copyWithSelection(text: string): boolean {
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.append(area);
  area.select();
  let ok = false;
  try {
    ok = document.execCommand("copy");
  } catch {
    ok = false;
  }
  area.remove();
  return ok;
}
