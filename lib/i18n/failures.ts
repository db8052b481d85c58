import "server-only";
// Failures in the visitor's language. Lib never writes a sentence for buyers in anything but
// English: it raises an AppError with a code and a catalogue key (with values), and zod reports
// issues with a code and parameters. The action wrappers (lib/http/actions.ts) turn those into the
// messages of the catalogue's `errors` namespace, in the language of the request:
//
//   AppError("conflict", …, { key: "itemRefunded", values: { item } }) → errors.messages.itemRefunded
//   AppError(…, { fieldErrors: { email: […] }, fieldKeys: { email: "enterEmail" } }) → that field's message
//   AppError("rate_limited", …, { retryAfterSeconds: 120 })  → errors.codes.rate_limited (plural minutes)
//   zod { code: "too_small", origin: "string", minimum: 10 } → errors.fields.minLength {min: 10}
//
// English keeps lib's own sentences, so the English text stays exactly what lib wrote.
import { getTranslations } from "next-intl/server";
import type { z } from "zod";
import { requestLocale } from "@/i18n/request";
import { fieldErrorsOf, type AppError, type TFieldErrors } from "@/lib/errors";

type TTranslate = Awaited<ReturnType<typeof getTranslations<"errors">>>;

/** Whether lib's own English sentences can be shown as they are (English, not the pseudo-locale). */
async function englishAsIs(): Promise<boolean> {
  const { locale, pseudo } = await requestLocale();
  return locale === "en" && !pseudo;
}

function minutesOf(seconds: number | undefined): number {
  return Math.max(1, Math.ceil((seconds ?? 60) / 60));
}

function valuesOf(error: AppError): Record<string, string | number> {
  return { minutes: minutesOf(error.retryAfterSeconds), ...error.values };
}

/** The text of an AppError for the visitor. */
export async function failureMessage(error: AppError): Promise<string> {
  if (await englishAsIs()) return error.message;
  const t = await getTranslations("errors");
  if (error.key) return t(`messages.${error.key}`, valuesOf(error));
  return t(`codes.${error.code}`, { minutes: minutesOf(error.retryAfterSeconds) });
}

/** An AppError's field errors for the visitor: English as lib wrote them, else each field's keyed message (or a plain hint). */
export async function failureFieldErrors(error: AppError): Promise<TFieldErrors | undefined> {
  if (!error.fieldErrors || (await englishAsIs())) return error.fieldErrors;
  const t = await getTranslations("errors");
  return Object.fromEntries(
    Object.keys(error.fieldErrors).map((field) => {
      const key = error.fieldKeys?.[field];
      return [field, [key ? t(`messages.${key}`, valuesOf(error)) : t("fields.invalid")]];
    }),
  );
}

/** "Something went wrong" and "correct the fields" for the visitor. */
export async function genericMessage(kind: "generic" | "fixFields"): Promise<string> {
  const t = await getTranslations("errors");
  return t(kind);
}

/** Field errors of a failed zod parse: the schema's English messages, or a translation per issue code. */
export async function issueFieldErrors(issues: readonly z.core.$ZodIssue[]): Promise<TFieldErrors> {
  if (await englishAsIs()) return fieldErrorsOf(issues);
  const t = await getTranslations("errors");
  return fieldErrorsOf(issues.map((issue) => ({ path: issue.path, message: issueMessage(issue, t) })));
}

function issueMessage(issue: z.core.$ZodIssue, t: TTranslate): string {
  switch (issue.code) {
    case "invalid_type":
      return issue.input === undefined || issue.input === "" ? t("fields.required") : t("fields.invalid");
    case "too_small": {
      const min = Number(issue.minimum);
      if (issue.origin === "string") return min <= 1 ? t("fields.required") : t("fields.minLength", { min });
      if (issue.origin === "array" || issue.origin === "set") return t("fields.minItems", { min });
      return t("fields.minNumber", { min });
    }
    case "too_big": {
      const max = Number(issue.maximum);
      if (issue.origin === "string") return t("fields.maxLength", { max });
      if (issue.origin === "array" || issue.origin === "set") return t("fields.maxItems", { max });
      if (issue.origin === "file") return t("fields.fileTooBig");
      return t("fields.maxNumber", { max });
    }
    case "invalid_format":
      return issue.format === "email"
        ? t("fields.email")
        : issue.format === "url"
          ? t("fields.url")
          : t("fields.invalid");
    case "invalid_value":
      return t("fields.choose");
    default:
      return t("fields.invalid");
  }
}

/**
 * Which of lib's link messages a sign-in refusal carried (Auth.js hands back only the text), so the
 * page can show that state's translation: `linkStateOf(LINK_MESSAGES, error.code)` → "expired".
 */
export function linkStateOf<TState extends string>(
  messages: Record<TState, string>,
  text: string | undefined,
): TState | null {
  return (Object.keys(messages) as TState[]).find((state) => messages[state] === text) ?? null;
}
