"use client";
import { useActionState, useEffect, useRef, useState } from "react";
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

/** Files go to POST /support-attachments first; the form sends their receipts. */
const submitTicketWithFiles = uploadingAttachments(submitTicket);

/**
 * The support form. Guests give their address (and solve the spam check in the background);
 * signed-in buyers pick one of their orders instead. After a guest sends, the form turns into the
 * confirmation: reference, "confirm from your mail", and a note when card numbers were removed.
 */
export function NewTicketForm({ categories, orders }: { categories: TFieldOption[]; orders: TFieldOption[] | null }) {
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
        <Alert tone="success" title={`Your request ${state.data.ref} is saved`}>
          We sent a confirmation link to <strong>{state.data.email}</strong>. Open it to confirm that the request is
          yours — our team answers it once it is confirmed, and you read and answer the conversation here in the portal,
          never by e-mail.
        </Alert>
        {redacted > 0 ? <RedactionNotice count={redacted} /> : null}
        <p className="small muted">
          Keep the reference <strong className="mono">{state.data.ref}</strong>. No mail after a few minutes? Check your
          spam folder, or{" "}
          <Link className="link" href="/support/access">
            ask for a new link
          </Link>
          .
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
            label="Your e-mail address"
            type="email"
            autoComplete="email"
            inputMode="email"
            spellCheck={false}
            required
            defaultValue={v.email}
            error={errors.email}
            hint="Use the address you bought with, so we can find your order."
          />
          <Field name="name" label="Your name" autoComplete="name" optional defaultValue={v.name} error={errors.name} />
        </>
      ) : null}
      <Field
        name="category"
        label="What is it about?"
        type="select"
        required
        options={[{ value: "", label: "Choose…" }, ...categories]}
        defaultValue={v.category ?? ""}
        error={errors.category}
      />
      {guest ? (
        <Field
          name="orderNumber"
          label="Order number"
          optional
          mono
          defaultValue={v.orderNumber}
          error={errors.orderNumber}
          hint="From your order confirmation, if you have it."
        />
      ) : (
        <Field
          name="orderId"
          label="Which order?"
          type="select"
          options={[{ value: "", label: "Not about a specific order" }, ...orders]}
          defaultValue={v.orderId ?? ""}
          error={errors.orderId}
        />
      )}
      <Field name="subject" label="Subject" required maxLength={200} defaultValue={v.subject} error={errors.subject} />
      <Field
        name="message"
        label="Your message"
        type="textarea"
        rows={8}
        required
        maxLength={20000}
        defaultValue={v.message}
        error={errors.message}
        hint="Never send card numbers or passwords: card numbers are removed automatically before your message is stored."
      />
      <AttachmentInput error={errors.attachments} />
      {guest ? (
        <>
          <div className="hp-field" aria-hidden="true">
            <label htmlFor="field-website">Website (leave empty)</label>
            <input id="field-website" name="website" type="text" tabIndex={-1} autoComplete="off" defaultValue="" />
          </div>
          <PowStatus pow={pow} />
          {errors.pow ? <p className="field__error">{errors.pow[0]}</p> : null}
        </>
      ) : null}
      <div className="form-actions">
        <SubmitButton icon={<IconSend />} pendingLabel="Sending…">
          Send to support
        </SubmitButton>
      </div>
    </form>
  );
}

/** Tells the customer that card numbers were removed from what they wrote, and why. */
export function RedactionNotice({ count }: { count: number }) {
  return (
    <Alert tone="warning" title={count === 1 ? "We removed a card number" : `We removed ${count} card numbers`}>
      Your message contained what looks like a payment card number. To protect you, we replaced it with “[card ending
      …]” before saving — only the last four digits are kept. We never need your card number: the order number or the
      last four digits are enough.
    </Alert>
  );
}
