"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { currentTicketAccess } from "@/lib/auth/guards";
import { publicAction } from "@/lib/http/actions";
import { createPowChallenge } from "@/lib/pow/create-pow-challenge";
import { openTicket } from "@/lib/tickets/open-ticket";
import { ZOpenTicket } from "@/lib/tickets/schemas";

/** A fresh proof-of-work puzzle for the guest form's widget (called with no argument). */
export const getPowChallenge = publicAction.call(z.undefined(), () => Promise.resolve(createPowChallenge()));

/**
 * The support form. `openTicket` decides from who is signed in: a buyer's ticket is confirmed at
 * once and opens in the portal; a guest's is saved unconfirmed and the form asks them to confirm it
 * from the mail.
 */
export const submitTicket = publicAction(ZOpenTicket, async ({ input, meta }) => {
  const created = await openTicket(await currentTicketAccess(), input, meta);
  if (created.verified) {
    redirect(`/support/${created.ref}?created=1${created.redacted ? `&redacted=${created.redacted}` : ""}`);
  }
  return {
    status: "success",
    data: { ref: created.ref, redacted: String(created.redacted), email: input.email ?? "" },
  };
});
