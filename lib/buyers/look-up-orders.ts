import "server-only";
import { parseOrThrow } from "@/lib/errors";
import type { TRequestMeta } from "@/lib/http/request-meta";
import { suggestEmailCorrection } from "@/lib/buyers/email-address";
import { requestSignInLink } from "@/lib/buyers/request-sign-in-link";
import { ZSignInLinkRequest, type TOrderLookupForm } from "@/lib/buyers/schemas";

/** What the "find my orders" form shows next. */
export type TOrderLookupOutcome =
  /** A likely typo in a common domain: ask before sending anything. `typed` is the address as typed. */
  | { kind: "suggestion"; suggestion: string; typed: string }
  /** The look-up is queued; the page says the same thing for every address. */
  | { kind: "sent"; sentTo: string };

/**
 * `lookUpOrders(form, meta)` — the "find my orders" form: a likely typo in a common domain is
 * offered back before anything is sent (unless the buyer already answered the prompt); otherwise
 * the look-up is queued through `requestSignInLink`.
 */
export async function lookUpOrders(input: TOrderLookupForm, meta: TRequestMeta): Promise<TOrderLookupOutcome> {
  const typed = (input.suggested ?? input.email).trim();
  const suggestion = input.confirmed || input.suggested ? null : suggestEmailCorrection(typed.toLowerCase());
  if (suggestion) return { kind: "suggestion", suggestion, typed };
  // Which address to use is decided here (typed or suggested), so it is validated here too.
  const request = parseOrThrow(ZSignInLinkRequest, { email: typed }, "Enter a valid e-mail address.");
  await requestSignInLink(request, meta);
  return { kind: "sent", sentTo: request.email };
}
