"use client";
import { useActionState } from "react";
import { IDLE } from "@/lib/http/form-state";
import { signInAgent } from "@/app/agent/login/actions";
import { Alert } from "@/app/_components/alert";
import { Button } from "@/app/_components/button";
import { Field } from "@/app/_components/field";

export function LoginForm() {
  const [state, action, pending] = useActionState(signInAgent, IDLE);
  return (
    <form action={action} className="stack" noValidate>
      {state.status === "error" && state.message ? <Alert tone="error">{state.message}</Alert> : null}
      <Field
        name="email"
        label="E-mail"
        type="email"
        // "webauthn": browsers that support it also offer this site's passkeys in the suggestions.
        autoComplete="username webauthn"
        required
        defaultValue={state.values?.email}
        error={state.fieldErrors?.email}
      />
      <Field
        name="password"
        label="Password"
        type="password"
        autoComplete="current-password"
        required
        error={state.fieldErrors?.password}
      />
      <Button type="submit" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
