"use client";
import { useActionState } from "react";
import { IDLE } from "@/lib/http/form-state";
import { CheckboxField } from "@/app/_components/choice-group";
import { SubmitButton } from "@/app/_components/submit-button";
import { erasure } from "../actions";
import { FormStatus } from "./form-status";

/** Ask for erasure (with an explicit confirmation), or withdraw a pending request. */
export function ErasureForm({ pending }: { pending: boolean }) {
  const [state, action] = useActionState(erasure, IDLE);
  return (
    <form action={action} className="stack">
      <FormStatus state={state} />
      <input type="hidden" name="intent" value={pending ? "cancel" : "request"} />
      {pending ? null : (
        <CheckboxField
          name="confirm"
          value="yes"
          label="I understand that erasure cannot be undone and that I will no longer be able to sign in or see my orders and keys here."
          error={state.fieldErrors?.confirm}
        />
      )}
      <div className="form-actions">
        <SubmitButton variant={pending ? "secondary" : "danger"} pendingLabel="Sending…">
          {pending ? "Withdraw my erasure request" : "Ask for my data to be erased"}
        </SubmitButton>
      </div>
    </form>
  );
}
