"use client";
import { useActionState } from "react";
import { IDLE } from "@/lib/http/form-state";
import { rotateSecretAction } from "../actions";
import { Alert } from "@/app/_components/alert";
import { Field } from "@/app/_components/field";
import { SubmitButton } from "@/app/_components/submit-button";

/** Sets (or rotates) a store's signing secret. */
export function RotateSecretForm({
  storeId,
  storeName,
  hasSecret,
}: {
  storeId: string;
  storeName: string;
  hasSecret: boolean;
}) {
  const [state, action] = useActionState(rotateSecretAction, IDLE);
  return (
    <form
      key={state.status === "success" ? state.message : "form"}
      action={action}
      className="stack stack--sm"
      noValidate
    >
      {state.message ? <Alert tone={state.status === "success" ? "success" : "error"}>{state.message}</Alert> : null}
      <input type="hidden" name="storeId" value={storeId} />
      <Field
        id={`secret-${storeId}`}
        name="secret"
        label={hasSecret ? `New signing secret for ${storeName}` : `Signing secret for ${storeName}`}
        type="password"
        autoComplete="off"
        required
        error={state.fieldErrors?.secret}
      />
      <div>
        <SubmitButton size="sm" variant="secondary" pendingLabel="Saving…">
          {hasSecret ? "Rotate secret" : "Set secret"}
        </SubmitButton>
      </div>
    </form>
  );
}
