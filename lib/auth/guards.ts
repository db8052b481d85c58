import "server-only";
import { cache } from "react";
import { notFound, redirect } from "next/navigation";
import { sessionPointer } from "@/lib/auth/next-auth";
import { validateAgentSession } from "@/lib/auth/agent-sessions";
import { validatePendingAgentSession } from "@/lib/auth/pending-sessions";
import { validateBuyerSession } from "@/lib/auth/buyer-sessions";
import { AppError } from "@/lib/errors";
import { validateTicketSession, type TTicketSession } from "@/lib/tickets/ticket-sessions";
import type { TTicketAccess } from "@/lib/tickets/ticket-access";
import { isAdmin } from "@/lib/auth/assert-admin";
import type { TAdminSession, TAgentSession, TBuyerSession, TPendingAgent } from "@/lib/auth/types";

// The token is read from the encrypted Auth.js cookie here, on the server; `/api/auth/session`
// (readable by page scripts) never carries it.
const sessionToken = cache(sessionPointer);

/**
 * The signed-in agent, or null. Checks the server-side session once per request (React's `cache`
 * shares the answer between the layout, the page and its components).
 */
export const currentAgent = cache(async (): Promise<TAgentSession | null> => {
  const token = await sessionToken();
  return token ? validateAgentSession(token) : null;
});

/**
 * An agent who gave the right password and still owes the second factor, or null. Such a session
 * is not an agent session: `currentAgent()` and every guard below treat it as signed out.
 */
export const currentPendingAgent = cache(async (): Promise<TPendingAgent | null> => {
  const token = await sessionToken();
  return token ? validatePendingAgentSession(token) : null;
});

/** For the second-factor page and its actions only: the pending agent, or back to the console / sign-in. */
export async function requirePendingAgent(): Promise<TPendingAgent> {
  const pending = await currentPendingAgent();
  if (pending) return pending;
  redirect((await currentAgent()) ? "/agent" : "/agent/login");
}

/** The signed-in buyer, or null. Checks the server-side session once per request. */
export const currentBuyer = cache(async (): Promise<TBuyerSession | null> => {
  const token = await sessionToken();
  return token ? validateBuyerSession(token) : null;
});

/** For buyer pages and actions: the signed-in buyer, or a redirect to "find my orders". */
export async function requireBuyer(): Promise<TBuyerSession> {
  const buyer = await currentBuyer();
  if (!buyer) redirect("/lookup?signin=required");
  return buyer;
}

/** For JSON route handlers on the buyer side: the signed-in buyer, or a 401 AppError. */
export async function requireBuyerForApi(): Promise<TBuyerSession> {
  const buyer = await currentBuyer();
  if (!buyer) throw new AppError("unauthorized", "Sign in first.", { key: "signInFirst" });
  return buyer;
}

/**
 * For agent pages and actions: the signed-in agent, or a redirect — to the second-factor page when
 * only the password was given, to the sign-in page otherwise.
 */
export async function requireAgent(): Promise<TAgentSession> {
  const agent = await currentAgent();
  if (agent) return agent;
  redirect((await currentPendingAgent()) ? "/agent/second-factor" : "/agent/login");
}

/** For admin-only pages and actions: an admin; agents get a not-found page, strangers the sign-in page. */
export async function requireAdmin(): Promise<TAdminSession> {
  const agent = await requireAgent();
  if (!isAdmin(agent)) notFound();
  return agent;
}

/** For JSON route handlers: the signed-in agent, or a 401 AppError. */
export async function requireAgentForApi(): Promise<TAgentSession> {
  const agent = await currentAgent();
  if (!agent) throw new AppError("unauthorized", "Sign in first.", { key: "signInFirst" });
  return agent;
}

/** A guest's session for one ticket (opened by a mailed ticket link), or null. Checked once per request. */
export const currentTicketSession = cache(async (): Promise<TTicketSession | null> => {
  const token = await sessionToken();
  return token ? validateTicketSession(token) : null;
});

/**
 * Who may read tickets on the buyer side right now: the signed-in buyer, or a guest's one-ticket
 * session, or null. The lib use cases check the ticket against it in every query.
 */
export async function currentTicketAccess(): Promise<TTicketAccess | null> {
  const buyer = await currentBuyer();
  if (buyer) return { kind: "buyer", buyer };
  const guest = await currentTicketSession();
  return guest ? { kind: "guest", sessionId: guest.sessionId, ticketId: guest.ticketId } : null;
}
