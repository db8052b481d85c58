"use client";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
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
  const t = useTranslations("account.details.form");
  const common = useTranslations("common");
  const [state, action] = useActionState(saveDetails, IDLE);
  const value = (name: keyof TDetailsDefaults) => state.values?.[name] ?? defaults[name];
  const errors = state.fieldErrors ?? {};
  return (
    <form action={action} className="stack" noValidate>
      <FormStatus state={state} />
      <Field
        name="name"
        label={t("name")}
        autoComplete="name"
        required
        defaultValue={value("name")}
        error={errors.name}
        maxLength={200}
      />
      <fieldset className="fieldset stack">
        <legend>{t("address")}</legend>
        <p className="field__hint" id="address-hint">
          {t("addressHint")}
        </p>
        <Field
          name="line1"
          label={t("line1")}
          autoComplete="address-line1"
          defaultValue={value("line1")}
          error={errors.line1}
          maxLength={200}
        />
        <Field
          name="line2"
          label={t("line2")}
          optional
          autoComplete="address-line2"
          defaultValue={value("line2")}
          error={errors.line2}
          maxLength={200}
        />
        <div style={PAIR}>
          <Field
            name="postalCode"
            label={t("postalCode")}
            autoComplete="postal-code"
            defaultValue={value("postalCode")}
            error={errors.postalCode}
            maxLength={20}
          />
          <Field
            name="city"
            label={t("city")}
            autoComplete="address-level2"
            defaultValue={value("city")}
            error={errors.city}
            maxLength={100}
          />
        </div>
        <div style={PAIR}>
          <Field
            name="region"
            label={t("region")}
            optional
            autoComplete="address-level1"
            defaultValue={value("region")}
            error={errors.region}
            maxLength={100}
          />
          <Field
            name="country"
            label={t("country")}
            type="select"
            autoComplete="country"
            defaultValue={value("country")}
            error={errors.country}
            options={[{ value: "", label: t("chooseCountry") }, ...countries]}
          />
        </div>
      </fieldset>
      <Field
        name="phone"
        label={t("phone")}
        type="tel"
        optional
        autoComplete="tel"
        defaultValue={value("phone")}
        error={errors.phone}
        hint={t("phoneHint")}
        maxLength={40}
      />
      <div className="form-actions">
        <SubmitButton pendingLabel={common("saving")}>{t("submit")}</SubmitButton>
      </div>
    </form>
  );
}
