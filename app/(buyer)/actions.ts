"use server";
import { signOut } from "@/lib/auth/next-auth";
import { currentBuyer } from "@/lib/auth/guards";
import { signOutBuyerSession } from "@/lib/buyers/sign-out-buyer";

/** Ends the buyer's server-side session and clears the cookie. */
export async function signOutBuyer(): Promise<void> {
  const buyer = await currentBuyer();
  if (buyer) await signOutBuyerSession(buyer, "this");
  await signOut({ redirectTo: "/" });
}
