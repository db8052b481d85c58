import type { HTMLAttributes } from "react";
import { useTranslations } from "next-intl";

export type TFieldType =
  "text" | "email" | "password" | "tel" | "url" | "number" | "search" | "date" | "textarea" | "select";

export interface TFieldOption {
  value: string;
  label: string;
  disabled?: boolean;
}

export interface TFieldProps {
  name: string;
  label: string;
  type?: TFieldType;
  /** Messages from validation (e.g. `fieldErrors.email`); any message marks the field invalid. */
  error?: string[] | undefined;
  hint?: React.ReactNode;
  defaultValue?: string | number | undefined;
  required?: boolean;
  /** Shows "(optional)" after the label; use on forms where most fields are required. */
  optional?: boolean;
  autoComplete?: string;
  /** Defaults to `field-<name>`; set it when one page has two forms with the same field name. */
  id?: string;
  placeholder?: string;
  inputMode?: HTMLAttributes<HTMLInputElement>["inputMode"];
  /** For type "select"; add a first option with value "" for "Choose…". */
  options?: TFieldOption[];
  /** For type "textarea". */
  rows?: number;
  minLength?: number;
  maxLength?: number;
  min?: number | string;
  max?: number | string;
  step?: number | string;
  pattern?: string;
  disabled?: boolean;
  readOnly?: boolean;
  spellCheck?: boolean;
  /** Monospace input (order numbers, licence keys). */
  mono?: boolean;
  className?: string;
}

/** A labelled form control (input, select or textarea) with hint and error messages wired to it
 *  through aria-describedby and aria-invalid. */
export function Field({
  name,
  label,
  type = "text",
  error,
  hint,
  defaultValue,
  required,
  optional,
  autoComplete,
  id,
  options,
  rows,
  mono,
  className,
  ...rest
}: TFieldProps) {
  const t = useTranslations("common");
  const fieldId = id ?? `field-${name}`;
  const hintId = hint ? `${fieldId}-hint` : undefined;
  const errors = (error ?? []).filter((message) => message.length > 0);
  const errorId = errors.length > 0 ? `${fieldId}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(" ") || undefined;
  const common = {
    id: fieldId,
    name,
    required,
    autoComplete,
    "aria-invalid": errors.length > 0 ? true : undefined,
    "aria-describedby": describedBy,
    className: ["input", mono ? "mono" : ""].filter(Boolean).join(" "),
  } as const;

  let control: React.ReactNode;
  if (type === "textarea") {
    const { placeholder, minLength, maxLength, disabled, readOnly, spellCheck } = rest;
    control = (
      <textarea
        {...common}
        {...{ placeholder, minLength, maxLength, disabled, readOnly, spellCheck }}
        rows={rows ?? 6}
        defaultValue={defaultValue}
      />
    );
  } else if (type === "select") {
    control = (
      <select {...common} defaultValue={defaultValue} disabled={rest.disabled}>
        {(options ?? []).map((option) => (
          <option key={option.value} value={option.value} disabled={option.disabled}>
            {option.label}
          </option>
        ))}
      </select>
    );
  } else {
    control = <input {...common} {...rest} type={type} defaultValue={defaultValue} />;
  }

  return (
    <div className={["field", className ?? ""].filter(Boolean).join(" ")}>
      <label htmlFor={fieldId} className="field__label">
        {label}
        {optional ? <span className="field__optional"> {t("optional")}</span> : null}
      </label>
      {hint ? (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      ) : null}
      {control}
      {errors.length > 0 ? (
        <div id={errorId} className="stack stack--sm">
          {errors.map((message) => (
            <p key={message} className="field__error">
              {message}
            </p>
          ))}
        </div>
      ) : null}
    </div>
  );
}
