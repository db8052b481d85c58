"use server";
import { currentBuyer } from "@/lib/auth/guards";
import { publicAction } from "@/lib/http/actions";
import { ZEmailChangeLink } from "@/lib/accounts/schemas";
import { confirmEmailChange } from "@/lib/accounts/confirm-email-change";
import { undoEmailChange } from "@/lib/accounts/undo-email-change";

/** The confirm button of the link mailed to the new address: only this POST uses the link. */
export const confirmChange = publicAction(ZEmailChangeLink, async ({ input, meta }) => {
  // The link is the proof; a buyer signed in here keeps this browser's session.
  const buyer = await currentBuyer();
  const { to } = await confirmEmailChange(buyer, input, meta);
  return {
    status: "success",
    message: `Done: your orders, licence keys and tickets now belong to ${to}. Every other browser was signed out.`,
    data: { signedIn: buyer ? "yes" : "no" },
  };
});

/** The undo button of the link mailed to the old address. */
export const undoChange = publicAction(ZEmailChangeLink, async ({ input, meta }) => {
  const { restored } = await undoEmailChange(input, meta);
  return {
    status: "success",
    message: `Undone: your account is back on ${restored}, and everyone who was signed in has been signed out.`,
  };
});
