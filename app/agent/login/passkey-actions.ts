"use server";
import { z } from "zod";
import { CredentialsSignin } from "next-auth";
import { signIn } from "@/lib/auth/next-auth";
import { publicAction } from "@/lib/http/actions";
import { AppError } from "@/lib/errors";
import { ZPasskeyAssertion } from "@/lib/auth/passkeys/schemas";
import { startPasskeySignIn } from "@/lib/auth/passkeys/start-passkey-authentication";
import { PASSKEY_SIGN_IN_REFUSED } from "@/lib/auth/passkeys/sign-in-with-passkey";

/** The options for a passwordless sign-in (the browser lists the passkeys it holds for this site). */
export const passkeySignInOptionsAction = publicAction.call(z.object({}), ({ meta }) => startPasskeySignIn(meta));

/** Signs in with the passkey the browser signed with, through Auth.js (which calls `signInWithPasskey`). */
export const passkeySignInAction = publicAction.call(ZPasskeyAssertion, async ({ input }) => {
  try {
    await signIn("agent-passkey", {
      challengeId: input.challengeId,
      response: JSON.stringify(input.response),
      redirectTo: "/agent",
    });
  } catch (error) {
    if (error instanceof CredentialsSignin) throw new AppError("unauthorized", error.code || PASSKEY_SIGN_IN_REFUSED);
    throw error;
  }
});
