// Client-side: before a ticket form (new ticket, reply, agent composer) is sent, its files go one by
// one to POST /support-attachments, which streams each to disk and answers a signed receipt; the
// form then sends the receipts instead of the files, so no form post carries more than a few
// kilobytes (server actions and the proxy keep a 1 MB limit, see next.config.js).
import type { TFormState } from "@/lib/http/form-state";

const MAX_FILES = 5;

type TFormAction = (previous: TFormState, formData: FormData) => Promise<TFormState>;

/** The messages of `support.upload` in the page's language: `useTranslations("support.upload")`. */
export type TUploadMessages = (
  key: "check" | "tooMany" | "offline" | "tooBig" | "failed",
  values?: { max?: number; name?: string },
) => string;

/**
 * Wraps a form's server action: uploads its `attachments` first, then calls the action with
 * receipts. Build it in the component: `useMemo(() => uploadingAttachments(action, t), [t])`.
 */
export function uploadingAttachments(action: TFormAction, t: TUploadMessages): TFormAction {
  return async (previous, formData) => {
    const failure = await replaceFilesWithReceipts(formData, t);
    if (failure === null) return action(previous, formData);
    return {
      status: "error",
      message: t("check"),
      fieldErrors: { attachments: [failure] },
      values: textValues(formData),
    };
  };
}

/** Uploads each chosen file; on success the form carries receipts. Returns an error message or null. */
async function replaceFilesWithReceipts(formData: FormData, t: TUploadMessages): Promise<string | null> {
  const files = formData
    .getAll("attachments")
    .filter((value): value is File => typeof value !== "string" && (value.size > 0 || value.name !== ""));
  formData.delete("attachments");
  if (files.length === 0) return null;
  if (files.length > MAX_FILES) return t("tooMany", { max: MAX_FILES });
  const pow = formData.get("pow");
  for (const file of files) {
    let response: Response;
    try {
      response = await fetch(`/support-attachments?name=${encodeURIComponent(file.name)}`, {
        method: "POST",
        body: file,
        headers: typeof pow === "string" && pow ? { "X-Keydesk-Pow": pow } : {},
      });
    } catch {
      return t("offline", { name: file.name });
    }
    const answer = (await response.json().catch(() => null)) as {
      receipt?: string;
      error?: { message?: string; fields?: Record<string, string[]> };
    } | null;
    if (!response.ok || !answer?.receipt) {
      if (response.status === 413) return t("tooBig", { name: file.name });
      return answer?.error?.fields?.attachments?.[0] ?? answer?.error?.message ?? t("failed", { name: file.name });
    }
    formData.append("attachments", answer.receipt);
  }
  return null;
}

/** The form's text fields, to show the form again as it was left (never files or the spam check). */
function textValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of formData.entries()) {
    if (typeof value === "string" && name !== "pow" && !name.startsWith("$")) values[name] = value;
  }
  return values;
}
