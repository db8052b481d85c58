import "server-only";
import { maskEmail } from "@/lib/buyers/email-address";
import type { TEmailChangeLinkInput } from "@/lib/accounts/schemas";
import { readLink } from "@/lib/accounts/email-change-links";

/**
 * `describeUndoLink(input)` — public read for the undo link's GET page: its state and both
 * addresses, masked. Changes nothing; only the button's POST undoes.
 */
export async function describeUndoLink(input: TEmailChangeLinkInput) {
  const { state, payload } = await readLink(input.token, "email_change_undo");
  return {
    state,
    maskedOld: payload ? maskEmail(payload.from) : undefined,
    maskedNew: payload ? maskEmail(payload.to) : undefined,
  };
}
