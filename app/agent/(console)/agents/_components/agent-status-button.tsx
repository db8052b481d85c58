"use client";
import { useActionState } from "react";
import { setAgentDisabledAction } from "../actions";
import { SubmitButton } from "@/app/_components/submit-button";

export function AgentStatusButton({ agentId, name, disabled }: { agentId: string; name: string; disabled: boolean }) {
  const [state, action] = useActionState(setAgentDisabledAction, { status: "idle" });
  return (
    <form action={action}>
      <input type="hidden" name="agentId" value={agentId} />
      <input type="hidden" name="disabled" value={disabled ? "false" : "true"} />
      <SubmitButton size="sm" variant={disabled ? "secondary" : "danger"} pendingLabel="Saving…">
        {disabled ? "Enable" : "Disable"} <span className="sr-only">{name}</span>
      </SubmitButton>
      {state.status === "error" ? (
        <p className="small field__error" role="alert">
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
