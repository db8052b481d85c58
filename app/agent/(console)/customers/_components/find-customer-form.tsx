"use client";
import { useActionState } from "react";
import { IDLE } from "@/lib/http/form-state";
import { Alert } from "@/app/_components/alert";
import { Field } from "@/app/_components/field";
import { SubmitButton } from "@/app/_components/submit-button";
import { findCustomer } from "../actions";

export function FindCustomerForm() {
  const [state, action] = useActionState(findCustomer, IDLE);
  return (
    <form action={action} className="stack" role="search">
      <div aria-live="polite" style={{ display: "contents" }}>
        {state.status === "error" && state.message ? <Alert tone="error">{state.message}</Alert> : null}
      </div>
      <Field
        name="email"
        label="Customer e-mail address"
        type="email"
        required
        autoComplete="off"
        defaultValue={state.values?.email}
        error={state.fieldErrors?.email}
      />
      <div className="form-actions">
        <SubmitButton pendingLabel="Searching…">Find customer</SubmitButton>
      </div>
    </form>
  );
}
