"use client";
import { useActionState } from "react";
import { findMyOrders } from "../actions";
import { IDLE } from "@/lib/http/form-state";
import { Alert } from "@/app/_components/alert";
import { Button } from "@/app/_components/button";
import { Field } from "@/app/_components/field";
import { SubmitButton } from "@/app/_components/submit-button";
import { IconMail } from "@/app/_components/icons";

export function LookupForm({ defaultEmail = "" }: { defaultEmail?: string }) {
  const [state, action] = useActionState(findMyOrders, IDLE);
  const suggestion = state.data?.suggestion;

  if (state.status === "success") {
    return (
      <div className="stack" aria-live="polite">
        <Alert tone="success" title="Check your inbox">
          If we have orders for <strong>{state.data?.sentTo}</strong>, a sign-in link is on its way. It works once, for
          15 minutes.
        </Alert>
        <p className="muted small">
          Nothing after a few minutes? Look in your spam folder, and make sure this is the address you used at checkout
          — orders bought through a reseller use the address you gave the reseller.
        </p>
        <form action={action}>
          <input type="hidden" name="email" value={state.data?.sentTo} />
          <input type="hidden" name="confirmed" value="yes" />
          <SubmitButton variant="secondary" pendingLabel="Sending…">
            Send the link again
          </SubmitButton>
        </form>
        <Button href="/lookup" variant="ghost" native>
          Use another address
        </Button>
      </div>
    );
  }

  return (
    <form action={action} className="stack" noValidate>
      {state.status === "error" && state.message && !state.fieldErrors ? (
        <Alert tone="error">{state.message}</Alert>
      ) : null}
      {suggestion ? (
        <Alert tone="warning" title={`Did you mean ${suggestion}?`}>
          <div className="cluster">
            <button type="submit" name="suggested" value={suggestion} className="btn btn--primary btn--sm">
              Yes, use {suggestion}
            </button>
            <button type="submit" name="confirmed" value="yes" className="btn btn--secondary btn--sm">
              No, send to {state.values?.email}
            </button>
          </div>
        </Alert>
      ) : null}
      <Field
        name="email"
        label="E-mail address you bought with"
        type="email"
        autoComplete="email"
        inputMode="email"
        spellCheck={false}
        required
        defaultValue={state.values?.email ?? defaultEmail}
        error={state.fieldErrors?.email}
        hint="We e-mail you a one-time sign-in link. No password needed."
      />
      <SubmitButton block icon={<IconMail />} pendingLabel="Sending…">
        Send me a sign-in link
      </SubmitButton>
    </form>
  );
}
