"use client";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { IDLE } from "@/lib/http/form-state";
import { Alert } from "@/app/_components/alert";
import { SubmitButton } from "@/app/_components/submit-button";
import { IconMail } from "@/app/_components/icons";
import { resendKeys } from "../actions";

/** "E-mail me my keys" for one order (`orderId`) or all orders. `idempotencyKey` is fresh per page
 *  render, so a double click sends one mail. */
export function ResendKeysForm({
  idempotencyKey,
  orderId,
  label,
}: {
  idempotencyKey: string;
  orderId?: string;
  label: string;
}) {
  const t = useTranslations("orders.resend");
  const common = useTranslations("common");
  const [state, action] = useActionState(resendKeys, IDLE);
  return (
    <form action={action} className="stack stack--sm resend-keys">
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      {orderId ? <input type="hidden" name="orderId" value={orderId} /> : null}
      <div>
        <SubmitButton variant="secondary" size="sm" icon={<IconMail />} pendingLabel={common("sending")}>
          {label}
        </SubmitButton>
      </div>
      <div aria-live="polite">
        {state.status === "success" ? (
          <Alert tone="success">
            {state.message} {t("arrival")}
          </Alert>
        ) : null}
        {state.status === "error" && state.message ? <Alert tone="error">{state.message}</Alert> : null}
      </div>
    </form>
  );
}
