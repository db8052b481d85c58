"use client";
import { useActionState } from "react";
import { IDLE } from "@/lib/http/form-state";
import { Alert } from "@/app/_components/alert";
import { Field } from "@/app/_components/field";
import { SubmitButton } from "@/app/_components/submit-button";
import { applyAccountChangeFromTicket } from "../actions";

/** Applies the change the customer asked for in the ticket to their profile (only filled-in fields change). */
export function AccountChangeForm({ ticketRef }: { ticketRef: string }) {
  const [state, action] = useActionState(applyAccountChangeFromTicket, IDLE);
  const e = state.fieldErrors ?? {};
  const v = state.status === "error" ? (state.values ?? {}) : {};
  return (
    <form action={action} className="stack" noValidate>
      {state.status === "error" && state.message ? <Alert tone="error">{state.message}</Alert> : null}
      {state.status === "success" ? <Alert tone="success">{state.message}</Alert> : null}
      <input type="hidden" name="ref" value={ticketRef} />
      <p className="small muted">
        Only the fields you fill in change. The change is audited and noted internally in this ticket.
      </p>
      <Field name="name" id="ac-name" label="New name" optional defaultValue={v.name} error={e.name} />
      <Field
        name="phone"
        id="ac-phone"
        label="New phone"
        type="tel"
        optional
        defaultValue={v.phone}
        error={e.phone}
        hint="With country code, e.g. +49 170 1234567"
      />
      <fieldset className="fieldset">
        <legend>New postal address</legend>
        <div className="stack stack--sm">
          <Field name="line1" id="ac-line1" label="Street and number" defaultValue={v.line1} error={e.line1} />
          <Field name="line2" id="ac-line2" label="Address line 2" optional defaultValue={v.line2} error={e.line2} />
          <Field
            name="postalCode"
            id="ac-postal"
            label="Postal code"
            defaultValue={v.postalCode}
            error={e.postalCode}
          />
          <Field name="city" id="ac-city" label="City" defaultValue={v.city} error={e.city} />
          <Field name="region" id="ac-region" label="Region" optional defaultValue={v.region} error={e.region} />
          <Field
            name="country"
            id="ac-country"
            label="Country code"
            defaultValue={v.country}
            error={e.country}
            hint="Two letters, e.g. DE"
          />
        </div>
      </fieldset>
      <div className="form-actions">
        <SubmitButton variant="secondary" pendingLabel="Applying…">
          Apply to customer
        </SubmitButton>
      </div>
    </form>
  );
}
