"use server";
import { z } from "zod";
import { signOut } from "@/lib/auth/next-auth";
import { buyerAction } from "@/lib/http/actions";
import { signOutBuyerSession } from "@/lib/buyers/sign-out-buyer";

/** Ends the buyer's server-side session and clears the cookie. */
export const signOutBuyer = buyerAction.submit(z.object({}), async ({ actor, meta }) => {
  await signOutBuyerSession(actor, { scope: "this" }, meta);
  await signOut({ redirectTo: "/" });
});
