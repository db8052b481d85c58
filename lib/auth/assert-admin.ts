import { AppError } from "@/lib/errors";
import type { TAdminSession, TAgentSession } from "@/lib/auth/types";

/** True when the agent is an admin (narrows the type). */
export function isAdmin(agent: TAgentSession): agent is TAdminSession {
  return agent.role === "admin";
}

/**
 * Throws `forbidden` unless the agent is an admin — every admin use case calls it first, so the
 * rule holds whoever calls the use case (an action, a route, the CLI), not only behind `requireAdmin`.
 */
export function assertAdmin(agent: TAgentSession): asserts agent is TAdminSession {
  if (!isAdmin(agent)) throw new AppError("forbidden", "Only admins can do this.");
}
