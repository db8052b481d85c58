"use client";

import { useRef, useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import type { TCallResult } from "@/lib/http/form-state";
import { buttonClassName } from "./button";
import { CopyButton } from "./copy-button";
import { IconEye, IconEyeOff } from "./icons";

/** A secret (licence key) shown masked; "Reveal" calls the server action `reveal` — a
 *  `xAction.call` answering the plaintext or a message safe to show (so every reveal
 *  is fetched, checked and recorded on the server — the plaintext is never in the page before),
 *  then shows the value with Copy and Hide. `label` names the secret for screen readers. */
export function RevealSecret({
  masked,
  label,
  reveal,
  revealLabel,
  what,
}: {
  /** e.g. "•••••-•••••-•••••-12345" */
  masked: string;
  /** e.g. "Licence key for Acme Backup Pro" */
  label: string;
  reveal: () => Promise<TCallResult<string>>;
  revealLabel?: string;
  /** Names the secret inside a sentence, for the copy button ("licence key for Acme Backup Pro"); defaults to `label`. */
  what?: string;
}) {
  const t = useTranslations("common.secret");
  const [value, setValue] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const valueRef = useRef<HTMLElement>(null);
  const revealRef = useRef<HTMLButtonElement>(null);

  function onReveal() {
    setError(null);
    startTransition(async () => {
      try {
        const result = await reveal();
        if (result.ok) {
          setValue(result.value);
          // Focus the key itself so screen readers read it; Tab then reaches Copy.
          requestAnimationFrame(() => valueRef.current?.focus());
        } else {
          setError(result.error);
        }
      } catch {
        setError(t("failed"));
      }
    });
  }

  function onHide() {
    setValue(null);
    requestAnimationFrame(() => revealRef.current?.focus());
  }

  return (
    <div className="stack stack--sm">
      <div className="secret" role="group" aria-label={label}>
        {value === null ? (
          <>
            <code className="secret__value secret__value--masked">
              <span aria-hidden="true">{masked}</span>
              <span className="sr-only">{t("hidden")}</span>
            </code>
            <button
              ref={revealRef}
              type="button"
              className={buttonClassName({ variant: "secondary", size: "sm" })}
              onClick={onReveal}
              disabled={pending}
              aria-busy={pending || undefined}
            >
              <IconEye />
              {pending ? t("revealing") : (revealLabel ?? t("reveal"))}
            </button>
          </>
        ) : (
          <>
            <code ref={valueRef} tabIndex={-1} className="secret__value">
              {value}
            </code>
            <CopyButton value={value} what={what ?? label} />
            <button type="button" className={buttonClassName({ variant: "ghost", size: "sm" })} onClick={onHide}>
              <IconEyeOff />
              {t("hide")}
            </button>
          </>
        )}
      </div>
      {error ? (
        <p className="field__error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
