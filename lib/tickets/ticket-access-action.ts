import "server-only";
import { notFound } from "next/navigation";
import { currentTicketAccess } from "@/lib/auth/guards";
import { defineActionFamily } from "@/lib/http/actions";
import type { TTicketAccess } from "@/lib/tickets/ticket-access";

// The action wrapper of the buyer-side ticket pages (/support/[ref]), which a signed-in buyer and a
// guest holding a one-ticket session (opened by a mailed link) both use. Same three shapes as the
// wrappers in lib/http/actions.ts — `ticketAccessAction(schema, handler)` for `useActionState`,
// `.submit` for plain form posts, `.call` for client calls — with the actor being a
// `TTicketAccess`. Anyone with neither gets the not-found page, like a ticket that is not theirs
// (the lib query checks the ticket against the access).

async function requireTicketAccess(): Promise<TTicketAccess> {
  const access = await currentTicketAccess();
  if (!access) notFound();
  return access;
}

/** Actions of whoever may read a ticket on the buyer side: a signed-in buyer or a guest's ticket session. */
export const ticketAccessAction = defineActionFamily<TTicketAccess>(requireTicketAccess, "visitor");
