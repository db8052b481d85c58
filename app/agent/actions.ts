"use server";
import { signOut } from "@/lib/auth/next-auth";
import { currentAgent } from "@/lib/auth/guards";
import { signOutAgentSession } from "@/lib/auth/sign-out-agent";

/** Ends the agent's server-side session and clears the cookie. */
export async function signOutAgent(): Promise<void> {
  const agent = await currentAgent();
  if (agent) await signOutAgentSession(agent);
  await signOut({ redirectTo: "/agent/login" });
}
