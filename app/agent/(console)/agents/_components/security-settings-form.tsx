"use client";
import { useActionState } from "react";
import { IDLE } from "@/lib/http/form-state";
import { Alert } from "@/app/_components/alert";
import { CheckboxField } from "@/app/_components/choice-group";
import { SubmitButton } from "@/app/_components/submit-button";
import { saveSecuritySettingsAction } from "../actions";

/** Whether every agent must use a second factor (agents without one set it up at their next sign-in). */
export function SecuritySettingsForm({ requireSecondFactor }: { requireSecondFactor: boolean }) {
  const [state, action] = useActionState(saveSecuritySettingsAction, IDLE);
  return (
    <form action={action} className="stack" noValidate>
      {state.message ? <Alert tone={state.status === "success" ? "success" : "error"}>{state.message}</Alert> : null}
      <CheckboxField
        name="requireSecondFactor"
        label="Require two-step sign-in for every agent"
        hint="Agents without an authenticator app set one up at their next sign-in."
        defaultChecked={requireSecondFactor}
      />
      <SubmitButton size="sm" pendingLabel="Saving…">
        Save
      </SubmitButton>
    </form>
  );
}
