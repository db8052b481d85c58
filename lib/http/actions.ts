import "server-only";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { requireAdmin, requireAgent, requireBuyer, requirePendingAgent } from "@/lib/auth/guards";
import { fieldErrorsOf, isAppError, type AppError } from "@/lib/errors";
import { formDataObject } from "@/lib/http/form-fields";
import { currentRequestMeta, type TRequestMeta } from "@/lib/http/request-meta";
import type { TCallResult, TFormState } from "@/lib/http/form-state";
import type { TAdminSession, TAgentSession, TBuyerSession, TPendingAgent } from "@/lib/auth/types";
import { log } from "@/lib/log";
import { failureFieldErrors, failureMessage, genericMessage, issueFieldErrors } from "@/lib/i18n/failures";

// The one family of server-action wrappers. Each does, in this order:
//   guard (who is acting: redirects strangers to sign in) → zod schema over the submitted fields →
//   request meta (ip, user agent, request id) → the handler with `{ actor, input, meta }`, which
//   makes one lib call → a typed result.
// Every expected failure (bad input, an AppError from lib) becomes a message on the page, never a
// 500; redirects and not-found thrown by a guard or the handler pass through.
//
//   export const saveDetails = buyerAction(ZDetails, async ({ actor, input, meta }) => {
//     await updateAccountDetails(actor, input, meta);
//     return { status: "success", message: "Saved." };
//   });
//
// Three shapes per actor: `xAction(schema, handler)` for forms with `useActionState`,
// `xAction.submit(schema, handler)` for plain `<form action>` posts (sign out, delete) and
// `xAction.call(schema, handler)` for calls from client code (reveal a key), which answer with a
// `TCallResult`.

/** What every action handler receives. */
export interface TActionContext<TActor, TInput> {
  actor: TActor;
  input: TInput;
  meta: TRequestMeta;
}

const GENERIC_ERROR = "Something went wrong on our side. Please try again.";
const FIX_FIELDS = "Please correct the highlighted fields.";

/**
 * How a family's failures are worded: `visitor` (buyer and public actions) in the language of the
 * request, from the catalogue (lib/i18n/failures.ts); `english` (the agent console) as lib wrote them.
 */
type TFailureLanguage = "visitor" | "english";

function failureWording(language: TFailureLanguage) {
  if (language === "english") {
    return {
      generic: () => Promise.resolve(GENERIC_ERROR),
      fixFields: () => Promise.resolve(FIX_FIELDS),
      issues: (issues: readonly z.core.$ZodIssue[]) => Promise.resolve(fieldErrorsOf(issues)),
      message: (error: AppError) => Promise.resolve(error.message),
      fields: (error: AppError) => Promise.resolve(error.fieldErrors),
    };
  }
  return {
    generic: () => genericMessage("generic"),
    fixFields: () => genericMessage("fixFields"),
    issues: issueFieldErrors,
    message: failureMessage,
    fields: failureFieldErrors,
  };
}

/**
 * Makes the three action shapes for one kind of actor from its guard (which returns the actor, or
 * throws a redirect / not-found for anyone else). The families below cover buyers, agents, admins
 * and the public; a domain with an actor of its own (a guest's ticket session) makes its own.
 */
export function defineActionFamily<TActor>(guard: () => Promise<TActor>, language: TFailureLanguage = "english") {
  const wording = failureWording(language);
  async function prepare<TSchema extends z.ZodType>(
    schema: TSchema,
    raw: unknown,
  ): Promise<
    | { ok: true; context: TActionContext<TActor, z.infer<TSchema>> }
    | { ok: false; fieldErrors: ReturnType<typeof fieldErrorsOf> }
  > {
    const actor = await guard();
    const parsed = schema.safeParse(raw);
    if (!parsed.success) return { ok: false, fieldErrors: await wording.issues(parsed.error.issues) };
    return { ok: true, context: { actor, input: parsed.data, meta: await currentRequestMeta() } };
  }

  /** A form action for `useActionState`: `(previous, formData) → TFormState`. */
  function form<TSchema extends z.ZodType>(
    schema: TSchema,
    handler: (context: TActionContext<TActor, z.infer<TSchema>>) => Promise<TFormState | void>,
  ) {
    return async (_previous: TFormState, formData: FormData): Promise<TFormState> => {
      const values = echoValues(formData);
      try {
        const prepared = await prepare(schema, formDataObject(formData));
        if (!prepared.ok)
          return { status: "error", message: await wording.fixFields(), fieldErrors: prepared.fieldErrors, values };
        return (await handler(prepared.context)) ?? { status: "success" };
      } catch (error) {
        unstable_rethrow(error);
        if (isAppError(error))
          return {
            status: "error",
            message: await wording.message(error),
            fieldErrors: await wording.fields(error),
            values,
          };
        log.error("form action failed", { error });
        return { status: "error", message: await wording.generic(), values };
      }
    };
  }

  /**
   * A plain form post (`<form action={…}>`) that answers by redirecting or re-rendering. Bad input
   * and expected failures change nothing and are logged (the form has nowhere to show them).
   */
  function submit<TSchema extends z.ZodType>(
    schema: TSchema,
    handler: (context: TActionContext<TActor, z.infer<TSchema>>) => Promise<void>,
  ) {
    return async (formData: FormData): Promise<void> => {
      try {
        const prepared = await prepare(schema, formDataObject(formData));
        if (!prepared.ok) {
          log.warn("form post refused: invalid input", { fields: Object.keys(prepared.fieldErrors) });
          return;
        }
        await handler(prepared.context);
      } catch (error) {
        unstable_rethrow(error);
        if (isAppError(error)) log.warn("form post refused", { code: error.code });
        else log.error("form post failed", { error });
      }
    };
  }

  /** A server action called from client code with one argument; answers `{ ok, value }` or `{ ok, error }`. */
  function call<TSchema extends z.ZodType, TResult>(
    schema: TSchema,
    handler: (context: TActionContext<TActor, z.infer<TSchema>>) => Promise<TResult>,
  ) {
    return async (input?: unknown): Promise<TCallResult<TResult>> => {
      try {
        const prepared = await prepare(schema, input);
        if (!prepared.ok) return { ok: false, error: await wording.fixFields() };
        return { ok: true, value: await handler(prepared.context) };
      } catch (error) {
        unstable_rethrow(error);
        if (isAppError(error)) return { ok: false, error: await wording.message(error) };
        log.error("server action call failed", { error });
        return { ok: false, error: await wording.generic() };
      }
    };
  }

  return Object.assign(form, { submit, call });
}

/** Actions anyone may use (look-up, new ticket): the actor is `null`; rate limits live in lib. */
export const publicAction = defineActionFamily((): Promise<null> => Promise.resolve(null), "visitor");
/** Actions of a signed-in buyer; others are sent to "find my orders". */
export const buyerAction = defineActionFamily<TBuyerSession>(requireBuyer, "visitor");
/** Actions of a signed-in agent (or admin); others are sent to the agent sign-in page. */
export const agentAction = defineActionFamily<TAgentSession>(requireAgent);
/** Admin-only actions; agents get a not-found page. Lib checks the role again (`assertAdmin`). */
export const adminAction = defineActionFamily<TAdminSession>(requireAdmin);
/** The second-factor page's actions: only an agent whose password was accepted and who owes the code. */
export const pendingAgentAction = defineActionFamily<TPendingAgent>(requirePendingAgent);

/** Submitted values to show the form again as it was left — never passwords, tokens or files. */
function echoValues(formData: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value === "string" && !/password|token|secret|^\$/i.test(key)) out[key] = value;
  }
  return out;
}
