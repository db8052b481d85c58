import "server-only";
import { newTotpEnrolment, type TTotpEnrolmentView } from "@/lib/auth/totp-enrolment";
import type { TPendingAgent } from "@/lib/auth/types";

export type TSecondFactorPage =
  | { mode: "verify"; name: string; totp: boolean; passkey: boolean }
  | { mode: "enrol"; name: string; enrolment: TTotpEnrolmentView }
  | { mode: "done"; name: string };

/**
 * `getSecondFactorPage(pending)`: what the second-factor page shows after a correct password — a
 * code field and/or a passkey button for an enrolled agent, a new authenticator set-up otherwise, or (the factor given)
 * only the way on. Writes nothing: an enrolment is stored only when its code is confirmed.
 */
export async function getSecondFactorPage(pending: TPendingAgent): Promise<TSecondFactorPage> {
  if (pending.verified) return { mode: "done", name: pending.name };
  if (pending.enrolled || pending.passkeys > 0) {
    return { mode: "verify", name: pending.name, totp: pending.enrolled, passkey: pending.passkeys > 0 };
  }
  return { mode: "enrol", name: pending.name, enrolment: await newTotpEnrolment(pending) };
}
