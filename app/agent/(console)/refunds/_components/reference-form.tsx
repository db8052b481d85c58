"use client";
import { useActionState } from "react";
import { IDLE } from "@/lib/http/form-state";
import { Alert } from "@/app/_components/alert";
import { Field } from "@/app/_components/field";
import { SubmitButton } from "@/app/_components/submit-button";
import { recordReferenceAction } from "../actions";

/** Manual gateway: the processor's refund reference, entered once the money went back. */
export function ReferenceForm({ refundId }: { refundId: string }) {
  const [state, action] = useActionState(recordReferenceAction, IDLE);
  if (state.status === "success") return <Alert tone="success">{state.message}</Alert>;
  return (
    <form action={action} className="stack stack--sm">
      <input type="hidden" name="refundId" value={refundId} />
      {state.status === "error" && state.message ? <Alert tone="error">{state.message}</Alert> : null}
      <Field
        id={`refund-${refundId}-reference`}
        name="reference"
        label="Processor refund reference"
        hint="Refund the payment in your processor's dashboard, then paste its reference here."
        mono
        maxLength={200}
        error={state.fieldErrors?.reference}
      />
      <div>
        <SubmitButton size="sm" variant="secondary" pendingLabel="Saving…">
          Save reference
        </SubmitButton>
      </div>
    </form>
  );
}
