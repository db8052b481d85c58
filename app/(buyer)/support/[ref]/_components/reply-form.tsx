"use client";
import { useActionState, useMemo } from "react";
import { useTranslations } from "next-intl";
import { replyToTicket } from "../actions";
import { IDLE } from "@/lib/http/form-state";
import { Alert } from "@/app/_components/alert";
import { Field } from "@/app/_components/field";
import { SubmitButton } from "@/app/_components/submit-button";
import { IconSend } from "@/app/_components/icons";
import { AttachmentInput } from "../../_components/attachment-input";
import { uploadingAttachments } from "../../_components/upload-attachments";
import { RedactionNotice } from "../../new/_components/new-ticket-form";

/** `idempotencyKey` is fresh per page render (and per reply after that): a double click sends one reply. */
export function ReplyForm({ ticketRef, idempotencyKey }: { ticketRef: string; idempotencyKey: string }) {
  const t = useTranslations("support.replyForm");
  const common = useTranslations("common");
  const uploadT = useTranslations("support.upload");
  const send = useMemo(() => uploadingAttachments(replyToTicket, uploadT), [uploadT]);
  const [state, action] = useActionState(send, IDLE);
  const redacted = Number(state.data?.redacted ?? "0");
  return (
    <form action={action} className="stack" noValidate key={state.data?.sentAt}>
      {state.status === "error" && state.message ? <Alert tone="error">{state.message}</Alert> : null}
      {state.status === "success" ? <Alert tone="success">{t("added")}</Alert> : null}
      {redacted > 0 ? <RedactionNotice count={redacted} /> : null}
      <input type="hidden" name="ref" value={ticketRef} />
      <input type="hidden" name="idempotencyKey" value={state.data?.nextKey ?? idempotencyKey} />
      <Field
        name="body"
        label={t("label")}
        type="textarea"
        rows={5}
        required
        maxLength={20000}
        defaultValue={state.status === "error" ? state.values?.body : ""}
        error={state.fieldErrors?.body}
        hint={t("hint")}
      />
      <AttachmentInput error={state.fieldErrors?.attachments} id="reply-attachments" />
      <div className="form-actions">
        <SubmitButton icon={<IconSend />} pendingLabel={common("sending")}>
          {t("submit")}
        </SubmitButton>
      </div>
    </form>
  );
}
