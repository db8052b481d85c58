"use client";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { findMyOrders } from "../actions";
import { IDLE } from "@/lib/http/form-state";
import { Alert } from "@/app/_components/alert";
import { Button } from "@/app/_components/button";
import { Field } from "@/app/_components/field";
import { SubmitButton } from "@/app/_components/submit-button";
import { IconMail } from "@/app/_components/icons";

export function LookupForm({ defaultEmail = "" }: { defaultEmail?: string }) {
  const t = useTranslations("lookup.form");
  const common = useTranslations("common");
  const [state, action] = useActionState(findMyOrders, IDLE);
  const suggestion = state.data?.suggestion;

  if (state.status === "success") {
    return (
      <div className="stack" aria-live="polite">
        <Alert tone="success" title={t("sentTitle")}>
          {t.rich("sent", { email: state.data?.sentTo ?? "", strong: (chunks) => <strong>{chunks}</strong> })}
        </Alert>
        <p className="muted small">{t("sentHelp")}</p>
        <form action={action}>
          <input type="hidden" name="email" value={state.data?.sentTo} />
          <input type="hidden" name="confirmed" value="yes" />
          <SubmitButton variant="secondary" pendingLabel={common("sending")}>
            {t("sendAgain")}
          </SubmitButton>
        </form>
        <Button href="/lookup" variant="ghost" native>
          {t("anotherAddress")}
        </Button>
      </div>
    );
  }

  return (
    <form action={action} className="stack" noValidate>
      {state.status === "error" && state.message && !state.fieldErrors ? (
        <Alert tone="error">{state.message}</Alert>
      ) : null}
      {suggestion ? (
        <Alert tone="warning" title={t("didYouMean", { suggestion })}>
          <div className="cluster">
            <button type="submit" name="suggested" value={suggestion} className="btn btn--primary btn--sm">
              {t("useSuggestion", { suggestion })}
            </button>
            <button type="submit" name="confirmed" value="yes" className="btn btn--secondary btn--sm">
              {t("keepTyped", { email: state.values?.email ?? "" })}
            </button>
          </div>
        </Alert>
      ) : null}
      <Field
        name="email"
        label={t("emailLabel")}
        type="email"
        autoComplete="email"
        inputMode="email"
        spellCheck={false}
        required
        defaultValue={state.values?.email ?? defaultEmail}
        error={state.fieldErrors?.email}
        hint={t("emailHint")}
      />
      <SubmitButton block icon={<IconMail />} pendingLabel={common("sending")}>
        {t("submit")}
      </SubmitButton>
    </form>
  );
}
