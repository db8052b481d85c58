"use client";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { IDLE } from "@/lib/http/form-state";
import { openWithTicketLink } from "../actions";
import { Alert } from "@/app/_components/alert";
import { SubmitButton } from "@/app/_components/submit-button";

export function UseLinkForm({ token, label }: { token: string; label: string }) {
  const t = useTranslations("support.access");
  const [state, action] = useActionState(openWithTicketLink, IDLE);
  return (
    <form action={action} className="stack">
      {state.status === "error" && state.message ? <Alert tone="error">{state.message}</Alert> : null}
      <input type="hidden" name="token" value={token} />
      <SubmitButton block pendingLabel={t("opening")}>
        {label}
      </SubmitButton>
    </form>
  );
}
