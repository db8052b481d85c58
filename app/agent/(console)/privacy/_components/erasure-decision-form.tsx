"use client";
import { useActionState } from "react";
import { IDLE } from "@/lib/http/form-state";
import { Alert } from "@/app/_components/alert";
import { ChoiceGroup } from "@/app/_components/choice-group";
import { SubmitButton } from "@/app/_components/submit-button";
import { decideErasure } from "../actions";

/** Approve (keep or revoke the keys) or deny one erasure request. */
export function ErasureDecisionForm({ requestId, activeKeys }: { requestId: string; activeKeys: number }) {
  const [state, action] = useActionState(decideErasure, IDLE);
  if (state.status === "success") return <Alert tone="success">{state.message}</Alert>;
  return (
    <form action={action} className="stack">
      <div aria-live="polite" style={{ display: "contents" }}>
        {state.status === "error" && state.message ? <Alert tone="error">{state.message}</Alert> : null}
      </div>
      <input type="hidden" name="requestId" value={requestId} />
      <ChoiceGroup
        id={`keys-${requestId}`}
        name="keys"
        legend={`Licence keys (${activeKeys} active)`}
        plain
        error={state.fieldErrors?.keys}
        options={[
          { value: "revoke", label: "Revoke them", hint: "The keys stop working." },
          {
            value: "keep",
            label: "Keep them valid",
            hint: "The buyer keeps using the software; nobody can look the keys up for them any more.",
          },
        ]}
      />
      <div className="form-actions">
        <SubmitButton name="decision" value="approve" variant="danger" pendingLabel="Erasing…">
          Approve and erase
        </SubmitButton>
        <SubmitButton name="decision" value="deny" variant="secondary" pendingLabel="Saving…">
          Deny
        </SubmitButton>
      </div>
    </form>
  );
}
