"use client";
import { useActionState } from "react";
import { IDLE } from "@/lib/http/form-state";
import { Alert } from "@/app/_components/alert";
import { SubmitButton } from "@/app/_components/submit-button";
import { removePasskeyAction } from "../actions";

/** Removes one passkey; a refusal (the last second factor of an account that needs one) shows here. */
export function RemovePasskeyForm({ passkeyId, name }: { passkeyId: string; name: string }) {
  const [state, action] = useActionState(removePasskeyAction, IDLE);
  return (
    <form action={action} className="stack">
      {state.status === "error" && state.message ? <Alert tone="error">{state.message}</Alert> : null}
      <input type="hidden" name="passkeyId" value={passkeyId} />
      <SubmitButton variant="danger" size="sm" pendingLabel="Removing…">
        Remove<span className="sr-only"> the passkey {name}</span>
      </SubmitButton>
    </form>
  );
}
