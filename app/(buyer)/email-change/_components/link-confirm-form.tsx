"use client";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { IDLE, type TFormState } from "@/lib/http/form-state";
import Link from "next/link";
import { Alert } from "@/app/_components/alert";
import { SubmitButton } from "@/app/_components/submit-button";

/** The one button of an e-mail change or undo link; the outcome replaces it. */
export function LinkConfirmForm({
  action,
  token,
  label,
  pendingLabel,
  variant = "primary",
}: {
  action: (state: TFormState, formData: FormData) => Promise<TFormState>;
  token: string;
  label: string;
  pendingLabel: string;
  variant?: "primary" | "danger";
}) {
  const t = useTranslations("emailChange");
  const [state, formAction] = useActionState(action, IDLE);
  if (state.status === "success") {
    return (
      <div className="stack" aria-live="polite">
        <Alert tone="success">{state.message}</Alert>
        <p>
          {state.data?.signedIn === "yes" ? (
            <Link className="link" href="/account">
              {t("backToAccount")}
            </Link>
          ) : (
            <Link className="link" href="/lookup">
              {t("signIn")}
            </Link>
          )}
        </p>
      </div>
    );
  }
  return (
    <form action={formAction} className="stack">
      <div aria-live="polite" style={{ display: "contents" }}>
        {state.status === "error" && state.message ? <Alert tone="error">{state.message}</Alert> : null}
      </div>
      <input type="hidden" name="token" value={token} />
      <SubmitButton block variant={variant} pendingLabel={pendingLabel}>
        {label}
      </SubmitButton>
    </form>
  );
}
