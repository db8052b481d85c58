"use client";
import { useActionState } from "react";
import { IDLE } from "@/lib/http/form-state";
import { Alert } from "@/app/_components/alert";
import { Field } from "@/app/_components/field";
import { SubmitButton } from "@/app/_components/submit-button";
import { correctEmail } from "../actions";

/** Agent form: the buyer's correct address and how their identity was verified. */
export function CorrectEmailForm({ customerId }: { customerId: string }) {
  const [state, action] = useActionState(correctEmail, IDLE);
  const keep = state.status === "error" ? state.values : undefined;
  return (
    <form action={action} className="stack" noValidate>
      <div aria-live="polite" style={{ display: "contents" }}>
        {state.status === "success" ? <Alert tone="success">{state.message}</Alert> : null}
        {state.status === "error" && state.message ? <Alert tone="error">{state.message}</Alert> : null}
      </div>
      <input type="hidden" name="customerId" value={customerId} />
      <Field
        name="email"
        label="Correct e-mail address"
        type="email"
        required
        autoComplete="off"
        defaultValue={keep?.email}
        error={state.fieldErrors?.email}
      />
      <Field
        name="note"
        label="How the buyer was verified"
        type="textarea"
        rows={3}
        required
        defaultValue={keep?.note}
        error={state.fieldErrors?.note}
        hint="Required and kept in the audit log, e.g. “Ticket T-1042: order number, date and amount match”. No card numbers."
        maxLength={500}
      />
      <div className="form-actions">
        <SubmitButton variant="secondary" pendingLabel="Sending…">
          Send confirmation link to the buyer
        </SubmitButton>
      </div>
    </form>
  );
}
