"use server";
import { z } from "zod";
import { signOut } from "@/lib/auth/next-auth";
import { agentAction } from "@/lib/http/actions";
import { signOutAgentSession } from "@/lib/auth/sign-out-agent";

/** Ends the agent's server-side session and clears the cookie. */
export const signOutAgent = agentAction.submit(z.object({}), async ({ actor, meta }) => {
  await signOutAgentSession(actor, meta);
  await signOut({ redirectTo: "/agent/login" });
});
