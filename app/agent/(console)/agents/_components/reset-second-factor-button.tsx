"use client";
import { resetSecondFactorAction } from "../actions";
import { RowActionButton } from "@/app/_components/row-action-button";

export function ResetSecondFactorButton({ agentId, name }: { agentId: string; name: string }) {
  return (
    <RowActionButton
      action={resetSecondFactorAction}
      fields={{ agentId }}
      label="Reset two-step sign-in"
      target={name}
      variant="secondary"
    />
  );
}
