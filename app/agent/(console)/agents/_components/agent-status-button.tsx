"use client";
import { setAgentDisabledAction } from "../actions";
import { RowActionButton } from "@/app/_components/row-action-button";

export function AgentStatusButton({ agentId, name, disabled }: { agentId: string; name: string; disabled: boolean }) {
  return (
    <RowActionButton
      action={setAgentDisabledAction}
      fields={{ agentId, disabled: disabled ? "false" : "true" }}
      label={disabled ? "Enable" : "Disable"}
      target={name}
      variant={disabled ? "secondary" : "danger"}
    />
  );
}
