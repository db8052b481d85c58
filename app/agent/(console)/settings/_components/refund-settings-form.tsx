"use client";
import { useActionState } from "react";
import { IDLE } from "@/lib/http/form-state";
import { Alert } from "@/app/_components/alert";
import { ChoiceGroup } from "@/app/_components/choice-group";
import { Field } from "@/app/_components/field";
import { SubmitButton } from "@/app/_components/submit-button";
import { saveRefundSettingsAction } from "../actions";

/** How refunds are paid back and when a second admin must confirm. The secret is write-only. */
export function RefundSettingsForm({
  values,
}: {
  values: { gateway: "manual" | "webhook"; webhookUrl: string; hasSecret: boolean; secondApprovalAbove: string };
}) {
  const [state, action] = useActionState(saveRefundSettingsAction, IDLE);
  return (
    <form action={action} className="stack" noValidate>
      {state.message ? <Alert tone={state.status === "success" ? "success" : "error"}>{state.message}</Alert> : null}
      <ChoiceGroup
        name="gateway"
        legend="Refund gateway"
        options={[
          {
            value: "manual",
            label: "Manual",
            hint: "Agents refund in the payment processor and record its reference; the refund shows “awaiting refund” until then.",
          },
          {
            value: "webhook",
            label: "Webhook",
            hint: "Keydesk POSTs each approved refund, signed, to your endpoint and retries until it answers 2xx.",
          },
        ]}
        defaultValue={state.values?.gateway ?? values.gateway}
        error={state.fieldErrors?.gateway}
      />
      <Field
        name="webhookUrl"
        type="url"
        label="Webhook address"
        optional
        hint="Receives JSON {refundId, orderNumber, source, externalId, amount, currency, items} with a Keydesk-Signature header."
        defaultValue={state.values?.webhookUrl ?? values.webhookUrl}
        error={state.fieldErrors?.webhookUrl}
      />
      <Field
        name="webhookSecret"
        type="password"
        label="Webhook signing secret"
        optional
        autoComplete="new-password"
        hint={
          values.hasSecret
            ? "A secret is set. Leave empty to keep it; type a new one (16+ characters) to replace it."
            : "At least 16 characters; your endpoint verifies the signature with it."
        }
        error={state.fieldErrors?.webhookSecret}
      />
      <Field
        name="secondApprovalAbove"
        label="Second admin needed above (amount)"
        optional
        inputMode="decimal"
        hint="Refunds above this amount (in the order's currency) need a second admin to confirm. Empty: never."
        defaultValue={state.values?.secondApprovalAbove ?? values.secondApprovalAbove}
        error={state.fieldErrors?.secondApprovalAbove}
      />
      <div>
        <SubmitButton pendingLabel="Saving…">Save refund settings</SubmitButton>
      </div>
    </form>
  );
}
