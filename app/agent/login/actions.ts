"use server";
import { z } from "zod";
import { AuthError, CredentialsSignin } from "next-auth";
import { signIn } from "@/lib/auth/next-auth";
import { formAction, type TFormState } from "@/lib/http/form-action";
import { GENERIC_SIGN_IN_ERROR } from "@/lib/auth/authenticate-agent";

const ZForm = z.object({ email: z.string().max(254), password: z.string().max(256) });

/** Signs an agent in through Auth.js; failures come back as one generic message (or a wait time). */
export const signInAgent = formAction(ZForm, async (input): Promise<TFormState | void> => {
  try {
    await signIn("credentials", { email: input.email, password: input.password, redirectTo: "/agent" });
  } catch (error) {
    if (error instanceof CredentialsSignin) {
      return { status: "error", message: error.code || GENERIC_SIGN_IN_ERROR, values: { email: input.email } };
    }
    if (error instanceof AuthError)
      return { status: "error", message: GENERIC_SIGN_IN_ERROR, values: { email: input.email } };
    throw error;
  }
});
