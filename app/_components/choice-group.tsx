import type { ReactNode } from "react";

export interface TChoiceOption {
  value: string;
  label: ReactNode;
  hint?: ReactNode;
  disabled?: boolean;
}

/** A group of radio buttons or checkboxes in a <fieldset> with a <legend>, hint and error
 *  (e.g. refund reason, the items of an order to refund). */
export function ChoiceGroup({
  name,
  legend,
  type = "radio",
  options,
  defaultValue,
  hint,
  error,
  required,
  plain = false,
  id,
}: {
  name: string;
  legend: string;
  type?: "radio" | "checkbox";
  options: TChoiceOption[];
  /** One value for radios, any number for checkboxes. */
  defaultValue?: string | string[];
  hint?: ReactNode;
  error?: string[] | undefined;
  required?: boolean;
  /** Plain list instead of bordered tiles. */
  plain?: boolean;
  id?: string;
}) {
  const groupId = id ?? `choice-${name}`;
  const hintId = hint ? `${groupId}-hint` : undefined;
  const errors = (error ?? []).filter((message) => message.length > 0);
  const errorId = errors.length > 0 ? `${groupId}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(" ") || undefined;
  const selected = new Set(Array.isArray(defaultValue) ? defaultValue : defaultValue ? [defaultValue] : []);
  return (
    <fieldset className="fieldset" aria-describedby={describedBy}>
      <legend>{legend}</legend>
      {hint ? (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      ) : null}
      {options.map((option, index) => {
        const optionId = `${groupId}-${index}`;
        return (
          <label key={option.value} htmlFor={optionId} className={plain ? "choice choice--plain" : "choice"}>
            <input
              id={optionId}
              type={type}
              name={name}
              value={option.value}
              defaultChecked={selected.has(option.value)}
              disabled={option.disabled}
              required={type === "radio" ? required : undefined}
            />
            <span>
              <span className="choice__label">{option.label}</span>
              {option.hint ? <span className="choice__hint">{option.hint}</span> : null}
            </span>
          </label>
        );
      })}
      {errors.length > 0 ? (
        <div id={errorId} className="stack stack--sm">
          {errors.map((message) => (
            <p key={message} className="field__error">
              {message}
            </p>
          ))}
        </div>
      ) : null}
    </fieldset>
  );
}

/** One labelled checkbox (e.g. newsletter opt-in, "I confirm"). */
export function CheckboxField({
  name,
  label,
  hint,
  defaultChecked,
  value = "on",
  error,
  required,
  id,
}: {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  defaultChecked?: boolean;
  value?: string;
  error?: string[] | undefined;
  required?: boolean;
  id?: string;
}) {
  const fieldId = id ?? `field-${name}`;
  const hintId = hint ? `${fieldId}-hint` : undefined;
  const errors = (error ?? []).filter((message) => message.length > 0);
  const errorId = errors.length > 0 ? `${fieldId}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={fieldId} className="choice choice--plain">
        <input
          id={fieldId}
          type="checkbox"
          name={name}
          value={value}
          defaultChecked={defaultChecked}
          required={required}
          aria-describedby={describedBy}
          aria-invalid={errors.length > 0 ? true : undefined}
        />
        <span>
          <span className="choice__label">{label}</span>
          {hint ? (
            <span id={hintId} className="choice__hint">
              {hint}
            </span>
          ) : null}
        </span>
      </label>
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
