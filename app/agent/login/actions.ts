"use server";
import { AuthError, CredentialsSignin } from "next-auth";
import { signIn } from "@/lib/auth/next-auth";
import { publicAction } from "@/lib/http/actions";
import { ZAgentSignInForm } from "@/lib/agents/schemas";
import { GENERIC_SIGN_IN_ERROR } from "@/lib/auth/authenticate-agent";

/**
 * Signs an agent in through Auth.js (which calls `authenticateAgent` with this request's meta);
 * failures come back as one generic message (or a wait time).
 */
export const signInAgent = publicAction(ZAgentSignInForm, async ({ input }) => {
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
