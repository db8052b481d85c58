"use server";
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { signOut } from "@/lib/auth/next-auth";
import { currentTicketAccess } from "@/lib/auth/guards";
import { publicAction } from "@/lib/http/actions";
import { orNotFound } from "@/lib/http/or-not-found";
import { newIdempotencyKey } from "@/lib/idempotency/run-once";
import { leaveTicket as endTicketSession } from "@/lib/tickets/leave-ticket";
import { replyAsCustomer } from "@/lib/tickets/reply-as-customer";
import { ZCustomerReply, ZSetTicketClosed } from "@/lib/tickets/schemas";
import { setTicketClosedByCustomer } from "@/lib/tickets/set-ticket-closed";
import { ticketAccessAction } from "@/lib/tickets/ticket-access-action";

/** The buyer's (or guest's) reply; files come from the same form. */
export const replyToTicket = ticketAccessAction(ZCustomerReply, async ({ actor, input, meta }) => {
  const { redacted } = await replyAsCustomer(actor, input, meta);
  revalidatePath(`/support/${input.ref}`);
  return {
    status: "success",
    data: { redacted: String(redacted), sentAt: String(Date.now()), nextKey: newIdempotencyKey() },
  };
});

/** Close ("my problem is solved") or reopen. */
export const setClosed = ticketAccessAction.submit(ZSetTicketClosed, async ({ actor, input, meta }) => {
  // An unknown or foreign ticket is the not-found page, never an error page.
  await orNotFound(setTicketClosedByCustomer(actor, input, meta));
  redirect(`/support/${encodeURIComponent(input.ref)}`);
});

/**
 * A guest leaves the request: their one-ticket session ends here. Whoever posts it is signed out,
 * even when the session had already ended (the button then still does what it says).
 */
export const leaveTicket = publicAction.submit(z.object({}), async () => {
  const access = await currentTicketAccess();
  if (access) await endTicketSession(access);
  await signOut({ redirectTo: "/support/new" });
});
