"use client";
import { useEffect, useState } from "react";
import {
  browserSupportsWebAuthnAutofill,
  startAuthentication,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialRequestOptionsJSON,
} from "@simplewebauthn/browser";
import type { TCallResult } from "@/lib/http/form-state";
import { Alert } from "@/app/_components/alert";
import { Button } from "@/app/_components/button";

type TOptions = { challengeId: string; options: PublicKeyCredentialRequestOptionsJSON };

export const PASSKEY_CANCELLED = "The passkey request was cancelled or timed out. Try again.";

/** A WebAuthn failure in words: the browser's errors name no account and carry nothing secret. */
export function passkeyErrorMessage(error: unknown): string {
  if (error instanceof Error && (error.name === "NotAllowedError" || error.name === "AbortError")) {
    return PASSKEY_CANCELLED;
  }
  return "This browser could not use a passkey here. Try again, or sign in another way.";
}

/**
 * "Sign in with a passkey" / "Use a passkey": asks the server for options, lets the browser sign,
 * and sends the answer back (the server action then redirects). With `autofill`, a passkey can also
 * be picked from the e-mail field's suggestions where the browser supports it (conditional UI).
 */
export function PasskeySignButton({
  label,
  getOptions,
  submit,
  autofill = false,
}: {
  label: string;
  getOptions: (input?: unknown) => Promise<TCallResult<TOptions>>;
  submit: (input?: unknown) => Promise<TCallResult<void>>;
  autofill?: boolean;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function run(useBrowserAutofill: boolean): Promise<void> {
    const options = await getOptions({});
    if (!options.ok) {
      if (!useBrowserAutofill) setError(options.error);
      return;
    }
    let response: AuthenticationResponseJSON;
    try {
      response = await startAuthentication({ optionsJSON: options.value.options, useBrowserAutofill });
    } catch (caught) {
      // A suggestion list that was replaced by the button's own request is not an error to show.
      if (!useBrowserAutofill) setError(passkeyErrorMessage(caught));
      return;
    }
    setBusy(true);
    const result = await submit({ challengeId: options.value.challengeId, response });
    if (result && !result.ok) setError(result.error);
    setBusy(false);
  }

  useEffect(() => {
    if (!autofill) return;
    void browserSupportsWebAuthnAutofill().then((yes) => (yes ? run(true) : undefined));
    // Started once per page view; the button's own request cancels it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return (
    <div className="stack">
      {error ? <Alert tone="error">{error}</Alert> : null}
      <Button
        type="button"
        variant="secondary"
        disabled={busy}
        onClick={() => {
          setError(null);
          setBusy(true);
          void run(false).finally(() => setBusy(false));
        }}
      >
        {busy ? "Waiting for your passkey…" : label}
      </Button>
    </div>
  );
}
