"use server";
import { signOut } from "@/lib/auth/next-auth";
import { requireBuyer } from "@/lib/auth/guards";
import { signOutBuyerSession } from "@/lib/buyers/sign-out-buyer";

/** "Sign out everywhere": ends every session of the buyer (this one too) and clears the cookie. */
export async function signOutEverywhere(): Promise<void> {
  const buyer = await requireBuyer();
  await signOutBuyerSession(buyer, "everywhere");
  await signOut({ redirectTo: "/lookup?signin=signed-out" });
}
