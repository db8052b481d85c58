"use client";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { IDLE } from "@/lib/http/form-state";
import { CheckboxField } from "@/app/_components/choice-group";
import { SubmitButton } from "@/app/_components/submit-button";
import { erasure } from "../actions";
import { FormStatus } from "./form-status";

/** Ask for erasure (with an explicit confirmation), or withdraw a pending request. */
export function ErasureForm({ pending }: { pending: boolean }) {
  const t = useTranslations("account.erasure.form");
  const common = useTranslations("common");
  const [state, action] = useActionState(erasure, IDLE);
  return (
    <form action={action} className="stack">
      <FormStatus state={state} />
      <input type="hidden" name="intent" value={pending ? "cancel" : "request"} />
      {pending ? null : (
        <CheckboxField name="confirm" value="yes" label={t("confirm")} error={state.fieldErrors?.confirm} />
      )}
      <div className="form-actions">
        <SubmitButton variant={pending ? "secondary" : "danger"} pendingLabel={common("sending")}>
          {pending ? t("withdraw") : t("request")}
        </SubmitButton>
      </div>
    </form>
  );
}
