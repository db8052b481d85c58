"use client";
import { useActionState, useEffect, useMemo, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import Link from "next/link";
import { submitTicket } from "../actions";
import { IDLE, type TFormState } from "@/lib/http/form-state";
import { Alert } from "@/app/_components/alert";
import { Field, type TFieldOption } from "@/app/_components/field";
import { SubmitButton } from "@/app/_components/submit-button";
import { IconSend } from "@/app/_components/icons";
import { AttachmentInput } from "../../_components/attachment-input";
import { uploadingAttachments } from "../../_components/upload-attachments";
import { PowStatus, useProofOfWork } from "./pow-widget";

/**
 * The support form. Guests give their address (and solve the spam check in the background);
 * signed-in buyers pick one of their orders instead. After a guest sends, the form turns into the
 * confirmation: reference, "confirm from your mail", and a note when card numbers were removed.
 */
export function NewTicketForm({ categories, orders }: { categories: TFieldOption[]; orders: TFieldOption[] | null }) {
  const t = useTranslations("support.new.form");
  const common = useTranslations("common");
  const uploadT = useTranslations("support.upload");
  const submitTicketWithFiles = useMemo(() => uploadingAttachments(submitTicket, uploadT), [uploadT]);
  const guest = orders === null;
  const [round, setRound] = useState(0);
  // Guests' spam check runs in a Web Worker from the moment the form shows; sending waits for it.
  const pow = useProofOfWork(guest ? round : null);
  const [state, action] = useActionState(async (previous: TFormState, formData: FormData) => {
    if (guest && !formData.get("pow")) formData.set("pow", await pow.waitForValue());
    return submitTicketWithFiles(previous, formData);
  }, IDLE);
  const lastState = useRef(state);

  useEffect(() => {
    if (state !== lastState.current && state.status === "error") setRound((r) => r + 1);
    lastState.current = state;
  }, [state]);

  if (state.status === "success" && state.data?.ref) {
    const redacted = Number(state.data.redacted ?? "0");
    return (
      <div className="stack" aria-live="polite">
        <Alert tone="success" title={t("savedTitle", { ref: state.data.ref })}>
          {t.rich("savedText", { email: state.data.email ?? "", strong: (chunks) => <strong>{chunks}</strong> })}
        </Alert>
        {redacted > 0 ? <RedactionNotice count={redacted} /> : null}
        <p className="small muted">
          {t.rich("keepReference", {
            ref: state.data.ref,
            strong: (chunks) => <strong className="mono">{chunks}</strong>,
            newLink: (chunks) => (
              <Link className="link" href="/support/access">
                {chunks}
              </Link>
            ),
          })}
        </p>
      </div>
    );
  }

  const v = state.values ?? {};
  const errors = state.fieldErrors ?? {};
  return (
    <form action={action} className="stack" noValidate>
      {state.status === "error" && state.message ? <Alert tone="error">{state.message}</Alert> : null}
      {guest ? (
        <>
          <Field
            name="email"
            label={t("email")}
            type="email"
            autoComplete="email"
            inputMode="email"
            spellCheck={false}
            required
            defaultValue={v.email}
            error={errors.email}
            hint={t("emailHint")}
          />
          <Field name="name" label={t("name")} autoComplete="name" optional defaultValue={v.name} error={errors.name} />
        </>
      ) : null}
      <Field
        name="category"
        label={t("category")}
        type="select"
        required
        options={[{ value: "", label: t("choose") }, ...categories]}
        defaultValue={v.category ?? ""}
        error={errors.category}
      />
      {guest ? (
        <Field
          name="orderNumber"
          label={t("orderNumber")}
          optional
          mono
          defaultValue={v.orderNumber}
          error={errors.orderNumber}
          hint={t("orderNumberHint")}
        />
      ) : (
        <Field
          name="orderId"
          label={t("order")}
          type="select"
          options={[{ value: "", label: t("noOrder") }, ...orders]}
          defaultValue={v.orderId ?? ""}
          error={errors.orderId}
        />
      )}
      <Field
        name="subject"
        label={t("subject")}
        required
        maxLength={200}
        defaultValue={v.subject}
        error={errors.subject}
      />
      <Field
        name="message"
        label={t("message")}
        type="textarea"
        rows={8}
        required
        maxLength={20000}
        defaultValue={v.message}
        error={errors.message}
        hint={t("messageHint")}
      />
      <AttachmentInput error={errors.attachments} />
      {guest ? (
        <>
          <div className="hp-field" aria-hidden="true">
            <label htmlFor="field-website">{t("honeypot")}</label>
            <input id="field-website" name="website" type="text" tabIndex={-1} autoComplete="off" defaultValue="" />
          </div>
          <PowStatus pow={pow} />
          {errors.pow ? <p className="field__error">{errors.pow[0]}</p> : null}
        </>
      ) : null}
      <div className="form-actions">
        <SubmitButton icon={<IconSend />} pendingLabel={common("sending")}>
          {t("submit")}
        </SubmitButton>
      </div>
    </form>
  );
}

/** Tells the customer that card numbers were removed from what they wrote, and why. */
export function RedactionNotice({ count }: { count: number }) {
  const t = useTranslations("support.redaction");
  return (
    <Alert tone="warning" title={t("title", { count })}>
      {t("text")}
    </Alert>
  );
}
