"use server";
import { z } from "zod";
import { signOut } from "@/lib/auth/next-auth";
import { buyerAction } from "@/lib/http/actions";
import { signOutBuyerSession } from "@/lib/buyers/sign-out-buyer";

/** "Sign out everywhere": ends every session of the buyer (this one too) and clears the cookie. */
export const signOutEverywhere = buyerAction.submit(z.object({}), async ({ actor, meta }) => {
  await signOutBuyerSession(actor, { scope: "everywhere" }, meta);
  await signOut({ redirectTo: "/lookup?signin=signed-out" });
});
