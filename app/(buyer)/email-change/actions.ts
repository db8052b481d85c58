"use server";
import { headers } from "next/headers";
import { z } from "zod";
import { currentBuyer } from "@/lib/auth/guards";
import { formAction, type TFormState } from "@/lib/http/form-action";
import { clientIp, userAgentOf } from "@/lib/http/client-info";
import { confirmEmailChange } from "@/lib/accounts/confirm-email-change";
import { undoEmailChange } from "@/lib/accounts/undo-email-change";

const ZToken = z.object({ token: z.string().max(200) });

/** The confirm button of the link mailed to the new address: only this POST uses the link. */
export const confirmChange = formAction(ZToken, async ({ token }): Promise<TFormState> => {
  const h = await headers();
  const buyer = await currentBuyer();
  const { to } = await confirmEmailChange({ token, currentBuyer: buyer, ip: clientIp(h), userAgent: userAgentOf(h) });
  return {
    status: "success",
    message: `Done: your orders, licence keys and tickets now belong to ${to}. Every other browser was signed out.`,
    data: { signedIn: buyer ? "yes" : "no" },
  };
});

/** The undo button of the link mailed to the old address. */
export const undoChange = formAction(ZToken, async ({ token }): Promise<TFormState> => {
  const h = await headers();
  const { restored } = await undoEmailChange({ token, ip: clientIp(h), userAgent: userAgentOf(h) });
  return {
    status: "success",
    message: `Undone: your account is back on ${restored}, and everyone who was signed in has been signed out.`,
  };
});
