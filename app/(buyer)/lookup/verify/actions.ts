"use server";
import { AuthError, CredentialsSignin } from "next-auth";
import { signIn } from "@/lib/auth/next-auth";
import { publicAction } from "@/lib/http/actions";
import { LINK_MESSAGES } from "@/lib/buyers/redeem-sign-in-link";
import { ZSignInToken } from "@/lib/buyers/schemas";

/** The confirm button of a sign-in link: only this POST uses the link (mail scanners only GET). */
export const confirmSignIn = publicAction(ZSignInToken, async ({ input }) => {
  try {
    // Auth.js runs `redeemSignInLink` (lib/auth/next-auth.ts) and sets the session cookie.
    await signIn("buyer-link", { token: input.token, redirectTo: "/orders" });
  } catch (error) {
    if (error instanceof CredentialsSignin) return { status: "error", message: error.code || LINK_MESSAGES.unknown };
    if (error instanceof AuthError) return { status: "error", message: LINK_MESSAGES.unknown };
    throw error;
  }
});
