"use client";
import { useActionState } from "react";
import { IDLE } from "@/lib/http/form-state";
import { retryDeadLetterAction } from "./actions";
import { SubmitButton } from "@/app/_components/submit-button";

export function RetryButton({ id }: { id: string }) {
  const [state, action] = useActionState(retryDeadLetterAction, IDLE);
  return (
    <form action={action}>
      <input type="hidden" name="id" value={id} />
      <SubmitButton size="sm" variant="secondary" pendingLabel="Queuing…">
        Retry
      </SubmitButton>
      {state.message ? (
        <p className="small" role="status">
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
