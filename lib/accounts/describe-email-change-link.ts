import "server-only";
import { maskEmail } from "@/lib/buyers/email-address";
import type { TEmailChangeLinkInput } from "@/lib/accounts/schemas";
import { readLink } from "@/lib/accounts/email-change-links";

/**
 * `describeEmailChangeLink(input)` — public read for the confirm link's GET page: the link's state
 * and the new address, masked. Uses nothing (mail scanners open links); only the button's POST does.
 */
export async function describeEmailChangeLink(input: TEmailChangeLinkInput) {
  const { state, payload } = await readLink(input.token, "email_change");
  return { state, maskedEmail: payload ? maskEmail(payload.to) : undefined };
}
