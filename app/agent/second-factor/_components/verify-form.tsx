"use client";
import { useActionState } from "react";
import { IDLE } from "@/lib/http/form-state";
import { verifyCodeAction } from "@/app/agent/second-factor/actions";
import { Alert } from "@/app/_components/alert";
import { Field } from "@/app/_components/field";
import { SubmitButton } from "@/app/_components/submit-button";

export function VerifyForm() {
  const [state, action] = useActionState(verifyCodeAction, IDLE);
  return (
    <form action={action} className="stack" noValidate>
      {state.status === "error" && state.message ? <Alert tone="error">{state.message}</Alert> : null}
      <Field
        name="code"
        label="Code"
        hint="The 6-digit code from your authenticator app, or one of your recovery codes."
        inputMode="text"
        autoComplete="one-time-code"
        required
        maxLength={40}
        error={state.fieldErrors?.code}
      />
      <SubmitButton pendingLabel="Checking…">Verify</SubmitButton>
    </form>
  );
}
