import "server-only";
import { confirmTotpEnrolment } from "@/lib/auth/totp-enrolment";
import type { TAgentSession } from "@/lib/auth/types";
import type { TRequestMeta } from "@/lib/http/request-meta";
import type { TTotpEnrolmentInput } from "@/lib/auth/schemas";

/**
 * `enrolSecondFactor(agent, input, meta)`: a signed-in agent sets up an authenticator app of their
 * own accord (from then on every sign-in asks for a code). Returns the ten recovery codes, once.
 */
export function enrolSecondFactor(
  agent: TAgentSession,
  input: TTotpEnrolmentInput,
  meta: TRequestMeta,
): Promise<string[]> {
  return confirmTotpEnrolment(agent.agentId, input, meta);
}
