"use client";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { IDLE } from "@/lib/http/form-state";
import { Field } from "@/app/_components/field";
import { SubmitButton } from "@/app/_components/submit-button";
import { IconMail } from "@/app/_components/icons";
import { changeEmail } from "../actions";
import { FormStatus } from "./form-status";

/** Asks for the new address; the change happens only once it is confirmed from there. */
export function EmailForm() {
  const t = useTranslations("account.email.form");
  const common = useTranslations("common");
  const [state, action] = useActionState(changeEmail, IDLE);
  return (
    <form action={action} className="stack" noValidate>
      <FormStatus state={state} />
      <Field
        name="email"
        label={t("label")}
        type="email"
        autoComplete="email"
        required
        defaultValue={state.status === "error" ? state.values?.email : ""}
        error={state.fieldErrors?.email}
        hint={t("hint")}
      />
      <div className="form-actions">
        <SubmitButton variant="secondary" icon={<IconMail />} pendingLabel={common("sending")}>
          {t("submit")}
        </SubmitButton>
      </div>
    </form>
  );
}
