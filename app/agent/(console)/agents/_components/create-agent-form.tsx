"use client";
import { useActionState } from "react";
import { IDLE } from "@/lib/http/form-state";
import { createAgentAction } from "../actions";
import { Alert } from "@/app/_components/alert";
import { Field } from "@/app/_components/field";
import { SubmitButton } from "@/app/_components/submit-button";

export function CreateAgentForm() {
  const [state, action] = useActionState(createAgentAction, IDLE);
  // A successful submission resets the form by remounting it.
  const key = state.status === "success" ? state.message : "form";
  return (
    <form key={key} action={action} className="stack" noValidate>
      {state.message ? <Alert tone={state.status === "success" ? "success" : "error"}>{state.message}</Alert> : null}
      <Field
        name="name"
        label="Name"
        autoComplete="off"
        required
        defaultValue={state.values?.name}
        error={state.fieldErrors?.name}
      />
      <Field
        name="email"
        label="E-mail"
        type="email"
        autoComplete="off"
        required
        defaultValue={state.values?.email}
        error={state.fieldErrors?.email}
      />
      <Field
        name="role"
        label="Role"
        type="select"
        defaultValue={state.values?.role ?? "agent"}
        options={[
          { value: "agent", label: "Agent — tickets, orders, refunds" },
          { value: "admin", label: "Admin — also agents, products and settings" },
        ]}
        error={state.fieldErrors?.role}
      />
      <Field
        name="password"
        label="Initial password"
        type="password"
        autoComplete="new-password"
        required
        hint="At least 12 characters. Hand it over safely; it is stored only as an argon2id hash."
        error={state.fieldErrors?.password}
      />
      <SubmitButton pendingLabel="Adding…">Add agent</SubmitButton>
    </form>
  );
}
