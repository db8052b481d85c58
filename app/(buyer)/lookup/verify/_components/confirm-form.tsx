"use client";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import Link from "next/link";
import { IDLE } from "@/lib/http/form-state";
import { confirmSignIn } from "../actions";
import { Alert } from "@/app/_components/alert";
import { SubmitButton } from "@/app/_components/submit-button";

export function ConfirmForm({ token }: { token: string }) {
  const t = useTranslations("signIn");
  const [state, action] = useActionState(confirmSignIn, IDLE);
  return (
    <form action={action} className="stack">
      {state.status === "error" && state.message ? (
        <Alert tone="error">
          {state.message}{" "}
          <Link className="link" href="/lookup">
            {t("newLink")}
          </Link>
        </Alert>
      ) : null}
      <input type="hidden" name="token" value={token} />
      <SubmitButton block pendingLabel={t("signingIn")}>
        {t("continue")}
      </SubmitButton>
    </form>
  );
}
