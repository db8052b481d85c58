"use client";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { IDLE } from "@/lib/http/form-state";
import { Alert } from "@/app/_components/alert";
import { SubmitButton } from "@/app/_components/submit-button";
import { unsubscribe } from "./actions";

export function UnsubscribeForm({ token }: { token: string }) {
  const t = useTranslations("unsubscribe");
  const [state, action] = useActionState(unsubscribe, IDLE);
  if (state.status === "success") return <Alert tone="success">{state.message}</Alert>;
  return (
    <form action={action} className="stack">
      <div aria-live="polite" style={{ display: "contents" }}>
        {state.status === "error" && state.message ? <Alert tone="error">{state.message}</Alert> : null}
      </div>
      <input type="hidden" name="token" value={token} />
      <SubmitButton block pendingLabel={t("pending")}>
        {t("button")}
      </SubmitButton>
    </form>
  );
}
