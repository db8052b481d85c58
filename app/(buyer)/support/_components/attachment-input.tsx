import { ACCEPT_ATTRIBUTE, formatAllowedTypes } from "@/lib/tickets/attachments/allowed-types";

/** The file picker of the support forms (up to 5 files, 10 MB each; the server checks the content). */
export function AttachmentInput({ error, id = "field-attachments" }: { error?: string[] | undefined; id?: string }) {
  const errors = error ?? [];
  const hintId = `${id}-hint`;
  const errorId = errors.length ? `${id}-error` : undefined;
  return (
    <div className="field">
      <label htmlFor={id} className="field__label">
        Attachments<span className="field__optional"> (optional)</span>
      </label>
      <p id={hintId} className="field__hint">
        Up to 5 files, 10 MB each: {formatAllowedTypes()}.
      </p>
      <input
        id={id}
        name="attachments"
        type="file"
        multiple
        accept={ACCEPT_ATTRIBUTE}
        className="input"
        aria-describedby={[errorId, hintId].filter(Boolean).join(" ")}
        aria-invalid={errors.length ? true : undefined}
      />
      {errors.map((message) => (
        <p key={message} id={errorId} className="field__error">
          {message}
        </p>
      ))}
    </div>
  );
}
