import { AppError } from "@/lib/errors";
import type { TAgentSession } from "@/lib/auth/types";

/** Throws `forbidden` unless the agent is an admin — for lib use cases that take an agent. */
export function assertAdmin(agent: TAgentSession): void {
  if (agent.role !== "admin") throw new AppError("forbidden", "Only admins can do this.");
}
