"use client";
import { useActionState } from "react";
import { IDLE, type TFormState } from "@/lib/http/form-state";
import { SubmitButton } from "./submit-button";
import type { TButtonVariant } from "./button";

/**
 * A one-button form for a table row (disable an agent, withdraw a file…): posts `fields` as hidden
 * inputs to a form server action (`adminAction(…)` etc.) and shows its error under the button. `target` names the
 * row for screen readers ("Disable" → "Disable Sam Agent").
 */
export function RowActionButton({
  action,
  fields,
  label,
  target,
  variant = "secondary",
}: {
  action: (previous: TFormState, formData: FormData) => Promise<TFormState>;
  fields: Record<string, string>;
  label: string;
  target: string;
  variant?: TButtonVariant;
}) {
  const [state, submit] = useActionState(action, IDLE);
  return (
    <form action={submit}>
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <SubmitButton size="sm" variant={variant} pendingLabel="Saving…">
        {label} <span className="sr-only">{target}</span>
      </SubmitButton>
      {state.status === "error" ? (
        <p className="small field__error" role="alert">
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
