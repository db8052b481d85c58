"use client";
import { useActionState } from "react";
import { IDLE } from "@/lib/http/form-state";
import { Alert } from "@/app/_components/alert";
import { CheckboxField } from "@/app/_components/choice-group";
import { Field } from "@/app/_components/field";
import { SubmitButton } from "@/app/_components/submit-button";
import { saveBrandAction } from "../actions";

export interface TBrandFormValues {
  name: string;
  primaryColor: string;
  supportEmail: string;
  privacyUrl: string;
  termsUrl: string;
  imprintUrl: string;
  company: string;
  poweredBy: boolean;
  logoPath: string | null;
  logoMaxKb: number;
}

/** The vendor's own pages that buyer pages and mails link to from their footer. */
const LEGAL_PAGES = [
  { name: "privacyUrl", label: "Privacy policy address" },
  { name: "termsUrl", label: "Terms address" },
  { name: "imprintUrl", label: "Imprint address" },
] as const;

/** An optional address of one of the vendor's pages (the action accepts only http(s) URLs). */
function UrlField(props: {
  name: (typeof LEGAL_PAGES)[number]["name"];
  label: string;
  defaultValue: string;
  error: string[] | undefined;
}) {
  return <Field type="url" optional {...props} />;
}

/** The vendor's name, colour, logo and legal links as buyers see them. */
export function BrandSettingsForm({ values }: { values: TBrandFormValues }) {
  const [state, action] = useActionState(saveBrandAction, IDLE);
  const echo = state.status === "error" ? state.values : undefined;
  const logoErrors = state.fieldErrors?.logo;
  return (
    <form action={action} className="stack" noValidate>
      {state.message ? <Alert tone={state.status === "success" ? "success" : "error"}>{state.message}</Alert> : null}
      <Field
        name="name"
        label="Name shown to buyers"
        maxLength={80}
        hint="Page titles, the header (without a logo), mail sender name and footer. Left empty, buyers read “Customer Support” in their language."
        defaultValue={echo?.name ?? values.name}
        error={state.fieldErrors?.name}
      />
      <Field
        name="primaryColor"
        label="Primary colour"
        required
        mono
        placeholder="#1d4ed8"
        hint="#RRGGBB. Buttons and links; it must reach a WCAG AA contrast of 4.5:1 against white."
        defaultValue={echo?.primaryColor ?? values.primaryColor}
        error={state.fieldErrors?.primaryColor}
      />
      <div className="field">
        <label htmlFor="brand-logo" className="field__label">
          Logo <span className="muted">(optional)</span>
        </label>
        <p id="brand-logo-hint" className="field__hint">
          PNG or WebP, up to {values.logoMaxKb} KB, 16–4096 pixels a side. SVG is not accepted.
          {values.logoPath ? " Leave empty to keep the current logo." : ""}
        </p>
        {logoErrors?.length ? (
          <p id="brand-logo-error" className="field__error">
            {logoErrors.join(" ")}
          </p>
        ) : null}
        <input
          id="brand-logo"
          name="logo"
          type="file"
          accept="image/png,image/webp"
          className="input"
          aria-describedby={logoErrors?.length ? "brand-logo-error brand-logo-hint" : "brand-logo-hint"}
          aria-invalid={logoErrors?.length ? true : undefined}
        />
      </div>
      {values.logoPath ? (
        <div className="cluster">
          {/* eslint-disable-next-line @next/next/no-img-element */}
          <img src={values.logoPath} alt="Current logo" className="brand-mark__logo" />
          <CheckboxField name="removeLogo" label="Remove the logo" />
        </div>
      ) : null}
      <Field
        name="supportEmail"
        type="email"
        label="Support e-mail"
        optional
        defaultValue={echo?.supportEmail ?? values.supportEmail}
        error={state.fieldErrors?.supportEmail}
      />
      {LEGAL_PAGES.map(({ name, label }) => (
        <UrlField
          key={name}
          name={name}
          label={label}
          defaultValue={echo?.[name] ?? values[name]}
          error={state.fieldErrors?.[name]}
        />
      ))}
      <Field
        name="company"
        type="textarea"
        rows={3}
        label="Legal name and postal address"
        optional
        hint="Shown in the footer of buyer pages and mails."
        defaultValue={echo?.company ?? values.company}
        error={state.fieldErrors?.company}
      />
      <CheckboxField
        name="poweredBy"
        label="Show “Powered by Keydesk” in the footer"
        defaultChecked={echo ? echo.poweredBy !== undefined : values.poweredBy}
      />
      <div>
        <SubmitButton pendingLabel="Saving…">Save brand</SubmitButton>
      </div>
    </form>
  );
}
