import "server-only";
import { confirmTotpEnrolment } from "@/lib/auth/totp-enrolment";
import { AppError } from "@/lib/errors";
import type { TPendingAgent } from "@/lib/auth/types";
import type { TRequestMeta } from "@/lib/http/request-meta";
import type { TTotpEnrolmentInput } from "@/lib/auth/schemas";

/**
 * `enrolPendingSecondFactor(pending, input, meta)`: the first sign-in of an agent who must use a
 * second factor — sets up their authenticator app, which also counts as this sign-in's second
 * factor. Returns the ten recovery codes, to be shown once.
 */
export async function enrolPendingSecondFactor(
  pending: TPendingAgent,
  input: TTotpEnrolmentInput,
  meta: TRequestMeta,
): Promise<string[]> {
  if (pending.enrolled) throw new AppError("conflict", "An authenticator app is already set up for this account.");
  return confirmTotpEnrolment(pending.agentId, input, meta, pending.sessionId);
}
