import "server-only";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { AppError, fieldErrorsOf, isAppError, type TFieldErrors } from "@/lib/errors";
import { log } from "@/lib/log";

/** What a form's server action returns to `useActionState`. */
export interface TFormState {
  status: "idle" | "error" | "success";
  message?: string;
  fieldErrors?: TFieldErrors;
  /** Submitted values (never passwords) so the form can be shown again as the user left it. */
  values?: Record<string, string>;
  /** Anything else the action wants the form to show (e.g. a "did you mean" suggestion). */
  data?: Record<string, string>;
}

export const IDLE: TFormState = { status: "idle" };

/**
 * The one wrapper for form server actions: FormData → schema → handler, with every expected failure
 * turned into a message and field errors on the page (never a 500). Redirects and not-found thrown
 * by the handler pass through.
 */
export function formAction<TSchema extends z.ZodType>(
  schema: TSchema,
  handler: (input: z.infer<TSchema>, formData: FormData) => Promise<TFormState | void>,
) {
  return async (_previous: TFormState, formData: FormData): Promise<TFormState> => {
    const values = echoValues(formData);
    try {
      const parsed = schema.safeParse(Object.fromEntries(formData.entries()));
      if (!parsed.success) {
        return {
          status: "error",
          message: "Please correct the highlighted fields.",
          fieldErrors: fieldErrorsOf(parsed.error.issues),
          values,
        };
      }
      return (await handler(parsed.data, formData)) ?? { status: "success" };
    } catch (error) {
      unstable_rethrow(error);
      if (isAppError(error)) return { status: "error", message: error.message, fieldErrors: error.fieldErrors, values };
      log.error("form action failed", { error });
      return { status: "error", message: "Something went wrong on our side. Please try again.", values };
    }
  };
}

function echoValues(formData: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value === "string" && !/password|token|^\$/i.test(key)) out[key] = value;
  }
  return out;
}

export { AppError };
