"use client";
import { useActionState } from "react";
import { IDLE } from "@/lib/http/form-state";
import { Alert } from "@/app/_components/alert";
import { Field } from "@/app/_components/field";
import { SubmitButton } from "@/app/_components/submit-button";
import { saveCanned } from "../actions";

/** Add a canned reply, or edit one (`reply` given). */
export function CannedReplyForm({ reply }: { reply?: { id: string; title: string; body: string } }) {
  const [state, action] = useActionState(saveCanned, IDLE);
  const suffix = reply?.id ?? "new";
  const v = state.status === "error" ? (state.values ?? {}) : {};
  return (
    <form action={action} className="stack" noValidate key={reply ? undefined : state.data?.savedAt}>
      {state.status === "error" && state.message ? <Alert tone="error">{state.message}</Alert> : null}
      {state.status === "success" ? <Alert tone="success">{state.message}</Alert> : null}
      {reply ? <input type="hidden" name="id" value={reply.id} /> : null}
      <Field
        name="title"
        id={`canned-title-${suffix}`}
        label="Title"
        required
        defaultValue={v.title ?? reply?.title}
        error={state.fieldErrors?.title}
      />
      <Field
        name="body"
        id={`canned-body-${suffix}`}
        label="Reply text"
        type="textarea"
        rows={6}
        required
        defaultValue={v.body ?? reply?.body}
        error={state.fieldErrors?.body}
      />
      <div className="form-actions">
        <SubmitButton variant={reply ? "secondary" : "primary"} pendingLabel="Saving…">
          {reply ? "Save" : "Add canned reply"}
        </SubmitButton>
      </div>
    </form>
  );
}
