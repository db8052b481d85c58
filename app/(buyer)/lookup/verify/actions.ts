"use server";
import { z } from "zod";
import { AuthError, CredentialsSignin } from "next-auth";
import { signIn } from "@/lib/auth/next-auth";
import { formAction, type TFormState } from "@/lib/http/form-action";
import { LINK_MESSAGES } from "@/lib/buyers/redeem-sign-in-link";

/** The confirm button of a sign-in link: only this POST uses the link (mail scanners only GET). */
export const confirmSignIn = formAction(
  z.object({ token: z.string().max(200) }),
  async ({ token }): Promise<TFormState | void> => {
    try {
      await signIn("buyer-link", { token, redirectTo: "/orders" });
    } catch (error) {
      if (error instanceof CredentialsSignin) return { status: "error", message: error.code || LINK_MESSAGES.unknown };
      if (error instanceof AuthError) return { status: "error", message: LINK_MESSAGES.unknown };
      throw error;
    }
  },
);
