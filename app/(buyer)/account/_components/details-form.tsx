"use client";
import { useActionState } from "react";
import { IDLE } from "@/lib/http/form-state";
import { Field, type TFieldOption } from "@/app/_components/field";
import { SubmitButton } from "@/app/_components/submit-button";
import { saveDetails } from "../actions";
import { FormStatus } from "./form-status";
// Two columns where they fit, one on narrow screens (auto-fit: no empty third track).
const PAIR = {
  display: "grid",
  gap: "var(--space-4)",
  gridTemplateColumns: "repeat(auto-fit, minmax(min(100%, 13rem), 1fr))",
} as const;

export interface TDetailsDefaults {
  name: string;
  line1: string;
  line2: string;
  city: string;
  region: string;
  postalCode: string;
  country: string;
  phone: string;
}

/** Name, postal address and phone; errors appear next to each field. */
export function DetailsForm({ defaults, countries }: { defaults: TDetailsDefaults; countries: TFieldOption[] }) {
  const [state, action] = useActionState(saveDetails, IDLE);
  const value = (name: keyof TDetailsDefaults) => state.values?.[name] ?? defaults[name];
  const errors = state.fieldErrors ?? {};
  return (
    <form action={action} className="stack" noValidate>
      <FormStatus state={state} />
      <Field
        name="name"
        label="Full name"
        autoComplete="name"
        required
        defaultValue={value("name")}
        error={errors.name}
        maxLength={200}
      />
      <fieldset className="fieldset stack">
        <legend>Postal address</legend>
        <p className="field__hint" id="address-hint">
          Optional. Fill in the street, city, postal code and country together, or leave all of them empty.
        </p>
        <Field
          name="line1"
          label="Street and number"
          autoComplete="address-line1"
          defaultValue={value("line1")}
          error={errors.line1}
          maxLength={200}
        />
        <Field
          name="line2"
          label="Apartment, suite, company"
          optional
          autoComplete="address-line2"
          defaultValue={value("line2")}
          error={errors.line2}
          maxLength={200}
        />
        <div style={PAIR}>
          <Field
            name="postalCode"
            label="Postal code"
            autoComplete="postal-code"
            defaultValue={value("postalCode")}
            error={errors.postalCode}
            maxLength={20}
          />
          <Field
            name="city"
            label="City"
            autoComplete="address-level2"
            defaultValue={value("city")}
            error={errors.city}
            maxLength={100}
          />
        </div>
        <div style={PAIR}>
          <Field
            name="region"
            label="State, province or region"
            optional
            autoComplete="address-level1"
            defaultValue={value("region")}
            error={errors.region}
            maxLength={100}
          />
          <Field
            name="country"
            label="Country"
            type="select"
            autoComplete="country"
            defaultValue={value("country")}
            error={errors.country}
            options={[{ value: "", label: "Choose a country…" }, ...countries]}
          />
        </div>
      </fieldset>
      <Field
        name="phone"
        label="Phone"
        type="tel"
        optional
        autoComplete="tel"
        defaultValue={value("phone")}
        error={errors.phone}
        hint="With the country code (e.g. +44 20 7946 0958), or as dialled in the country of your address."
        maxLength={40}
      />
      <div className="form-actions">
        <SubmitButton pendingLabel="Saving…">Save details</SubmitButton>
      </div>
    </form>
  );
}
