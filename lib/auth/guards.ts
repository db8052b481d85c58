import "server-only";
import { notFound, redirect } from "next/navigation";
import { auth } from "@/lib/auth/next-auth";
import { validateAgentSession } from "@/lib/auth/agent-sessions";
import { AppError } from "@/lib/errors";
import type { TAgentSession } from "@/lib/auth/types";

/** The signed-in agent, or null. Checks the server-side session on every call. */
export async function currentAgent(): Promise<TAgentSession | null> {
  const session = await auth();
  const token = session?.sessionToken;
  return token ? validateAgentSession(token) : null;
}

/** For agent pages and actions: the signed-in agent, or a redirect to the sign-in page. */
export async function requireAgent(): Promise<TAgentSession> {
  const agent = await currentAgent();
  if (!agent) redirect("/agent/login");
  return agent;
}

/** For admin-only pages and actions: an admin; agents get a not-found page, strangers the sign-in page. */
export async function requireAdmin(): Promise<TAgentSession> {
  const agent = await requireAgent();
  if (agent.role !== "admin") notFound();
  return agent;
}

/** For JSON route handlers: the signed-in agent, or a 401 AppError. */
export async function requireAgentForApi(): Promise<TAgentSession> {
  const agent = await currentAgent();
  if (!agent) throw new AppError("unauthorized", "Sign in first.");
  return agent;
}
