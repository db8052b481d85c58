"use client";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { IDLE } from "@/lib/http/form-state";
import { Alert } from "@/app/_components/alert";
import { SubmitButton } from "@/app/_components/submit-button";
import { cancelRefundAction } from "../refund-actions";

/** "Cancel refund request" for a pending request. */
export function RefundCancelForm({ refundId, orderNumber }: { refundId: string; orderNumber: string }) {
  const t = useTranslations("order.refund");
  const [state, action] = useActionState(cancelRefundAction, IDLE);
  return (
    <form action={action} className="stack stack--sm">
      <input type="hidden" name="refundId" value={refundId} />
      <input type="hidden" name="orderNumber" value={orderNumber} />
      <div>
        <SubmitButton variant="secondary" size="sm" pendingLabel={t("cancelling")}>
          {t("cancel")}
        </SubmitButton>
      </div>
      <div aria-live="polite">
        {state.status === "error" && state.message ? <Alert tone="error">{state.message}</Alert> : null}
      </div>
    </form>
  );
}
