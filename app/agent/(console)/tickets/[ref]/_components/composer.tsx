"use client";
import { useActionState, useMemo, useState } from "react";
import { useTranslations } from "next-intl";
import { IDLE } from "@/lib/http/form-state";
import { Alert } from "@/app/_components/alert";
import { Field } from "@/app/_components/field";
import { SubmitButton } from "@/app/_components/submit-button";
import { IconLock, IconSend } from "@/app/_components/icons";
import { AttachmentInput } from "@/app/(buyer)/support/_components/attachment-input";
import { uploadingAttachments } from "@/app/(buyer)/support/_components/upload-attachments";
import { sendAgentMessage } from "../actions";
import styles from "./composer.module.css";

/**
 * The agent's writing box: a public reply (mailed as a link, sets the status) or an internal note
 * (agents only — the box turns yellow and dashed so nobody mistakes one for the other). Canned
 * replies arrive already filled in for this ticket and are inserted at the cursor.
 */
export function Composer({
  ticketRef,
  canned,
  idempotencyKey,
}: {
  ticketRef: string;
  canned: { id: string; title: string; body: string }[];
  idempotencyKey: string;
}) {
  const uploadT = useTranslations("support.upload");
  const send = useMemo(() => uploadingAttachments(sendAgentMessage, uploadT), [uploadT]);
  const [state, action] = useActionState(send, IDLE);
  const [mode, setMode] = useState<"public" | "internal">("public");
  const [cannedId, setCannedId] = useState("");
  const note = mode === "internal";

  function insertCanned() {
    const reply = canned.find((c) => c.id === cannedId);
    const area = document.getElementById("reply-body");
    if (!reply || !(area instanceof HTMLTextAreaElement)) return;
    const start = area.selectionStart ?? area.value.length;
    area.value = `${area.value.slice(0, start)}${reply.body}${area.value.slice(area.selectionEnd ?? start)}`;
    area.focus();
  }

  return (
    <form
      action={action}
      className={note ? `${styles.composer} ${styles.note} stack` : `${styles.composer} stack`}
      noValidate
      key={state.data?.sentAt}
    >
      {state.status === "error" && state.message ? <Alert tone="error">{state.message}</Alert> : null}
      {state.status === "success" && state.message ? <Alert tone="success">{state.message}</Alert> : null}
      <input type="hidden" name="ref" value={ticketRef} />
      {/* Fresh per render and per sent message: a double click sends one reply. */}
      <input type="hidden" name="idempotencyKey" value={state.data?.nextKey ?? idempotencyKey} />
      <fieldset className={styles.modes}>
        <legend className="sr-only">What are you writing?</legend>
        <label className={styles.mode}>
          <input type="radio" name="mode" value="public" checked={!note} onChange={() => setMode("public")} />
          <IconSend /> Public reply
        </label>
        <label className={styles.mode}>
          <input type="radio" name="mode" value="internal" checked={note} onChange={() => setMode("internal")} />
          <IconLock /> Internal note
        </label>
      </fieldset>
      {note ? (
        <p className="small">
          <strong>Only agents see internal notes.</strong> The customer is not told and no e-mail is sent.
        </p>
      ) : (
        <p className="small muted">
          The customer reads this in the portal; they get an e-mail with a link only, never the text.
        </p>
      )}
      {canned.length > 0 ? (
        <div className="cluster">
          <label htmlFor="canned-reply" className="sr-only">
            Canned reply
          </label>
          <select
            id="canned-reply"
            className={`input ${styles.autoWidth}`}
            value={cannedId}
            onChange={(e) => setCannedId(e.target.value)}
          >
            <option value="">Canned reply…</option>
            {canned.map((c) => (
              <option key={c.id} value={c.id}>
                {c.title}
              </option>
            ))}
          </select>
          <button type="button" className="btn btn--secondary btn--sm" onClick={insertCanned} disabled={!cannedId}>
            Insert
          </button>
        </div>
      ) : null}
      <Field
        id="reply-body"
        name="body"
        label={note ? "Internal note" : "Reply to the customer"}
        type="textarea"
        rows={7}
        required
        maxLength={20000}
        defaultValue={state.status === "error" ? state.values?.body : ""}
        error={state.fieldErrors?.body}
      />
      <AttachmentInput error={state.fieldErrors?.attachments} id="agent-attachments" />
      <div className="form-actions">
        {note ? null : (
          <>
            <label htmlFor="reply-status" className="small">
              Then set the ticket to
            </label>
            <select id="reply-status" name="status" className={`input ${styles.autoWidth}`} defaultValue="pending">
              <option value="pending">Pending (waiting on customer)</option>
              <option value="open">Open</option>
              <option value="solved">Solved</option>
            </select>
          </>
        )}
        <SubmitButton
          icon={note ? <IconLock /> : <IconSend />}
          variant={note ? "secondary" : "primary"}
          pendingLabel="Saving…"
        >
          {note ? "Add internal note" : "Send reply"}
        </SubmitButton>
      </div>
    </form>
  );
}
