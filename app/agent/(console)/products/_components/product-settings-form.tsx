"use client";
import { useActionState } from "react";
import { IDLE } from "@/lib/http/form-state";
import { updateProductAction } from "../actions";
import { Alert } from "@/app/_components/alert";
import { Field } from "@/app/_components/field";
import { SubmitButton } from "@/app/_components/submit-button";

export function ProductSettingsForm({
  productId,
  productName,
  values,
}: {
  productId: string;
  productName: string;
  values: { refundWindowDays: number; downloadTtlHours: number; downloadLimit: number };
}) {
  const [state, action] = useActionState(updateProductAction, IDLE);
  const id = (name: string) => `product-${productId}-${name}`;
  return (
    <form action={action} className="stack" noValidate>
      {state.message ? <Alert tone={state.status === "success" ? "success" : "error"}>{state.message}</Alert> : null}
      <input type="hidden" name="productId" value={productId} />
      <div className="grid-auto">
        <Field
          id={id("refund")}
          name="refundWindowDays"
          label="Refund window (days)"
          type="number"
          min={0}
          max={365}
          required
          defaultValue={state.values?.refundWindowDays ?? values.refundWindowDays}
          error={state.fieldErrors?.refundWindowDays}
        />
        <Field
          id={id("ttl")}
          name="downloadTtlHours"
          label="Download link lifetime (hours)"
          type="number"
          min={1}
          max={720}
          required
          defaultValue={state.values?.downloadTtlHours ?? values.downloadTtlHours}
          error={state.fieldErrors?.downloadTtlHours}
        />
        <Field
          id={id("limit")}
          name="downloadLimit"
          label="Downloads per link"
          type="number"
          min={1}
          max={100}
          required
          defaultValue={state.values?.downloadLimit ?? values.downloadLimit}
          error={state.fieldErrors?.downloadLimit}
        />
      </div>
      <div>
        <SubmitButton size="sm" pendingLabel="Saving…">
          Save settings <span className="sr-only">for {productName}</span>
        </SubmitButton>
      </div>
    </form>
  );
}
