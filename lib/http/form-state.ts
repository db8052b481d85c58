// Client-safe: forms import these for `useActionState`; server actions return them.
import type { TFieldErrors } from "@/lib/errors";

/** What a form's server action returns to `useActionState`. */
export interface TFormState {
  status: "idle" | "error" | "success";
  message?: string;
  fieldErrors?: TFieldErrors;
  /** Submitted values (never passwords or tokens) so the form can be shown again as the user left it. */
  values?: Record<string, string>;
  /** Anything else the action wants the form to show (e.g. a "did you mean" suggestion). */
  data?: Record<string, string>;
}

/** The state of a form that has not been submitted yet: `useActionState(action, IDLE)`. */
export const IDLE: TFormState = { status: "idle" };

/** What a server action called from client code (not a form) returns: a value or a safe message. */
export type TCallResult<T> = { ok: true; value: T } | { ok: false; error: string };
