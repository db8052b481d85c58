"use client";
import { useActionState } from "react";
import { IDLE } from "@/lib/http/form-state";
import { Alert } from "@/app/_components/alert";
import { ChoiceGroup } from "@/app/_components/choice-group";
import { Field } from "@/app/_components/field";
import { SubmitButton } from "@/app/_components/submit-button";
import { decideRefundAction } from "../actions";

/**
 * Approve the ticked items (all are ticked at first; untick some for a partial refund — none ticked
 * is refused by `approveRefund`) or deny with a note the buyer sees. A second admin confirming a
 * first approval chooses no items: the first approval's items are refunded.
 */
export function DecisionForm({
  refundId,
  items,
  confirming,
}: {
  refundId: string;
  items: { id: string; label: string }[];
  /** A first approval exists: the second admin confirms its items. */
  confirming: boolean;
}) {
  const [state, action] = useActionState(decideRefundAction, IDLE);
  if (state.status === "success") return <Alert tone="success">{state.message}</Alert>;
  return (
    <form action={action} className="stack">
      <input type="hidden" name="refundId" value={refundId} />
      {state.status === "error" && state.message ? <Alert tone="error">{state.message}</Alert> : null}
      {confirming ? null : (
        <ChoiceGroup
          id={`refund-${refundId}-items`}
          name="itemIds"
          type="checkbox"
          legend="Items to refund"
          hint="Untick items for a partial refund."
          plain
          options={items.map((item) => ({ value: item.id, label: item.label }))}
          defaultValue={items.map((item) => item.id)}
          error={state.fieldErrors?.itemIds}
        />
      )}
      <Field
        id={`refund-${refundId}-note`}
        name="note"
        type="textarea"
        rows={2}
        label="Note to the buyer"
        hint="Required when you deny: the buyer sees it on the order page."
        maxLength={2000}
        defaultValue={state.values?.note}
        error={state.fieldErrors?.note}
      />
      <div className="cluster">
        <SubmitButton name="decision" value="approve" pendingLabel="Saving…">
          {confirming ? "Confirm approval" : "Approve refund"}
        </SubmitButton>
        <SubmitButton name="decision" value="deny" variant="danger" pendingLabel="Saving…">
          Deny
        </SubmitButton>
      </div>
    </form>
  );
}
