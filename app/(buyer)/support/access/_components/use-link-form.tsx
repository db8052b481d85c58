"use client";
import { useActionState } from "react";
import { IDLE } from "@/lib/http/form-state";
import { openWithTicketLink } from "../actions";
import { Alert } from "@/app/_components/alert";
import { SubmitButton } from "@/app/_components/submit-button";

export function UseLinkForm({ token, label }: { token: string; label: string }) {
  const [state, action] = useActionState(openWithTicketLink, IDLE);
  return (
    <form action={action} className="stack">
      {state.status === "error" && state.message ? <Alert tone="error">{state.message}</Alert> : null}
      <input type="hidden" name="token" value={token} />
      <SubmitButton block pendingLabel="Opening…">
        {label}
      </SubmitButton>
    </form>
  );
}
