"use server";
import { AuthError, CredentialsSignin } from "next-auth";
import { getTranslations } from "next-intl/server";
import { signIn } from "@/lib/auth/next-auth";
import { publicAction } from "@/lib/http/actions";
import { linkStateOf } from "@/lib/i18n/failures";
import { LINK_MESSAGES } from "@/lib/buyers/redeem-sign-in-link";
import { ZSignInToken } from "@/lib/buyers/schemas";

/** The confirm button of a sign-in link: only this POST uses the link (mail scanners only GET). */
export const confirmSignIn = publicAction(ZSignInToken, async ({ input }) => {
  try {
    // Auth.js runs `redeemSignInLink` (lib/auth/next-auth.ts) and sets the session cookie.
    await signIn("buyer-link", { token: input.token, redirectTo: "/orders" });
  } catch (error) {
    // The refusal carries lib's English sentence for the link's state; the buyer reads its translation.
    const t = await getTranslations("signIn.link");
    if (error instanceof CredentialsSignin)
      return { status: "error", message: t(linkStateOf(LINK_MESSAGES, error.code) ?? "unknown") };
    if (error instanceof AuthError) return { status: "error", message: t("unknown") };
    throw error;
  }
});
