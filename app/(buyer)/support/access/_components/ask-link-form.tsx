"use client";
import { useActionState } from "react";
import { IDLE } from "@/lib/http/form-state";
import { askForTicketLink } from "../actions";
import { Alert } from "@/app/_components/alert";
import { Field } from "@/app/_components/field";
import { SubmitButton } from "@/app/_components/submit-button";
import { IconMail } from "@/app/_components/icons";

export function AskLinkForm({ defaultRef = "" }: { defaultRef?: string }) {
  const [state, action] = useActionState(askForTicketLink, IDLE);
  if (state.status === "success") {
    return (
      <Alert tone="success" title="Check your inbox">
        If that reference belongs to that address, a new link to the request is on its way. It works once, for 3 days.
      </Alert>
    );
  }
  return (
    <form action={action} className="stack" noValidate>
      {state.status === "error" && state.message && !state.fieldErrors ? (
        <Alert tone="error">{state.message}</Alert>
      ) : null}
      <Field
        name="ref"
        label="Ticket reference"
        mono
        required
        placeholder="KD-XXXXXX"
        defaultValue={state.values?.ref ?? defaultRef}
        error={state.fieldErrors?.ref}
      />
      <Field
        name="email"
        label="E-mail address you wrote from"
        type="email"
        autoComplete="email"
        required
        defaultValue={state.values?.email}
        error={state.fieldErrors?.email}
      />
      <SubmitButton icon={<IconMail />} pendingLabel="Sending…">
        Send me a new link
      </SubmitButton>
    </form>
  );
}
