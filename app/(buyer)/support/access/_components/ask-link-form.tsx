"use client";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { IDLE } from "@/lib/http/form-state";
import { askForTicketLink } from "../actions";
import { Alert } from "@/app/_components/alert";
import { Field } from "@/app/_components/field";
import { SubmitButton } from "@/app/_components/submit-button";
import { IconMail } from "@/app/_components/icons";

export function AskLinkForm({ defaultRef = "" }: { defaultRef?: string }) {
  const t = useTranslations("support.access.ask");
  const common = useTranslations("common");
  const [state, action] = useActionState(askForTicketLink, IDLE);
  if (state.status === "success") {
    return (
      <Alert tone="success" title={t("sentTitle")}>
        {t("sentText")}
      </Alert>
    );
  }
  return (
    <form action={action} className="stack" noValidate>
      {state.status === "error" && state.message && !state.fieldErrors ? (
        <Alert tone="error">{state.message}</Alert>
      ) : null}
      <Field
        name="ref"
        label={t("ref")}
        mono
        required
        placeholder="KD-XXXXXX"
        defaultValue={state.values?.ref ?? defaultRef}
        error={state.fieldErrors?.ref}
      />
      <Field
        name="email"
        label={t("email")}
        type="email"
        autoComplete="email"
        required
        defaultValue={state.values?.email}
        error={state.fieldErrors?.email}
      />
      <SubmitButton icon={<IconMail />} pendingLabel={common("sending")}>
        {t("submit")}
      </SubmitButton>
    </form>
  );
}
