"use client";
import { useActionState } from "react";
import { setProductFileActiveAction } from "../actions";
import { SubmitButton } from "@/app/_components/submit-button";

export function FileActiveButton({ fileId, label, active }: { fileId: string; label: string; active: boolean }) {
  const [state, action] = useActionState(setProductFileActiveAction, { status: "idle" });
  return (
    <form action={action}>
      <input type="hidden" name="fileId" value={fileId} />
      <input type="hidden" name="active" value={active ? "false" : "true"} />
      <SubmitButton size="sm" variant={active ? "danger" : "secondary"} pendingLabel="Saving…">
        {active ? "Withdraw" : "Offer again"} <span className="sr-only">{label}</span>
      </SubmitButton>
      {state.status === "error" ? (
        <p className="small field__error" role="alert">
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
