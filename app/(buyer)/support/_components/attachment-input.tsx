import { useLocale, useTranslations } from "next-intl";
import { ACCEPT_ATTRIBUTE, ALLOWED_TYPE_NAMES } from "@/lib/tickets/attachments/allowed-types";
import { formatOrList } from "@/app/_components/format";

/** The file picker of the support forms (up to 5 files, 10 MB each; the server checks the content). */
export function AttachmentInput({ error, id = "field-attachments" }: { error?: string[] | undefined; id?: string }) {
  const t = useTranslations("support.attachments");
  // The last name ("plain text and logs") is words, not a format name.
  const types = formatOrList([...ALLOWED_TYPE_NAMES.slice(0, -1), t("textType")], useLocale());
  const errors = error ?? [];
  const hintId = `${id}-hint`;
  const errorId = errors.length ? `${id}-error` : undefined;
  return (
    <div className="field">
      <label htmlFor={id} className="field__label">
        {t("label")}
        <span className="field__optional"> {t("optional")}</span>
      </label>
      <p id={hintId} className="field__hint">
        {t("hint", { types })}
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
