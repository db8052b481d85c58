"use client";
import { useActionState, useState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { IDLE } from "@/lib/http/form-state";
import { Alert } from "@/app/_components/alert";
import { Button } from "@/app/_components/button";
import { ChoiceGroup } from "@/app/_components/choice-group";
import { Field } from "@/app/_components/field";
import { SubmitButton } from "@/app/_components/submit-button";
import { formatDate } from "@/app/_components/format";
import { requestRefundAction } from "../refund-actions";

type TReason = "duplicate" | "not_working" | "not_as_described" | "other";

/** The refund request form: items, reason (the duplicate suggestion preselected) and a note. The
 *  idempotency key is fresh per page render, so double submits make one request. */
export function RefundForm({
  orderId,
  orderNumber,
  idempotencyKey,
  items,
  suggestedReason,
  reasons,
  duplicateOf,
}: {
  orderId: string;
  orderNumber: string;
  idempotencyKey: string;
  items: { id: string; label: string; hint: string; duplicate: boolean }[];
  suggestedReason: TReason | null;
  /** The reasons with their labels, in display order. */
  reasons: { value: TReason; label: string }[];
  duplicateOf: { number: string; placedAt: Date } | null;
}) {
  const t = useTranslations("order.refund");
  const common = useTranslations("common");
  const locale = useLocale();
  const [state, action] = useActionState(requestRefundAction, IDLE);
  const [open, setOpen] = useState(false);
  if (state.status === "success") return <Alert tone="success">{state.message}</Alert>;
  if (!open) {
    return (
      <div className="stack stack--sm">
        {duplicateOf ? (
          <p className="small">
            {t("repeatOf", { number: duplicateOf.number, date: formatDate(duplicateOf.placedAt, "UTC", locale) })}
          </p>
        ) : null}
        <div>
          <Button variant="secondary" onClick={() => setOpen(true)}>
            {t("open")}
          </Button>
        </div>
      </div>
    );
  }
  const preselected = items.some((item) => item.duplicate) ? items.filter((item) => item.duplicate) : items;
  return (
    <form action={action} className="stack">
      <input type="hidden" name="orderId" value={orderId} />
      <input type="hidden" name="orderNumber" value={orderNumber} />
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      {state.status === "error" && state.message ? <Alert tone="error">{state.message}</Alert> : null}
      <ChoiceGroup
        name="itemIds"
        type="checkbox"
        legend={t("itemsLegend")}
        options={items.map((item) => ({ value: item.id, label: item.label, hint: item.hint }))}
        defaultValue={preselected.map((item) => item.id)}
        error={state.fieldErrors?.itemIds}
      />
      <ChoiceGroup
        name="reason"
        legend={t("reasonLegend")}
        required
        hint={
          suggestedReason === "duplicate" && duplicateOf
            ? t("suggestion", { number: duplicateOf.number, date: formatDate(duplicateOf.placedAt, "UTC", locale) })
            : undefined
        }
        options={reasons}
        defaultValue={state.values?.reason ?? suggestedReason ?? undefined}
        error={state.fieldErrors?.reason}
      />
      <Field
        name="note"
        type="textarea"
        label={t("noteLabel")}
        optional
        rows={3}
        maxLength={2000}
        hint={t("noteHint")}
        defaultValue={state.values?.note}
        error={state.fieldErrors?.note}
      />
      <div className="cluster">
        <SubmitButton pendingLabel={common("sending")}>{t("submit")}</SubmitButton>
        <Button variant="ghost" onClick={() => setOpen(false)}>
          {t("notNow")}
        </Button>
      </div>
    </form>
  );
}
