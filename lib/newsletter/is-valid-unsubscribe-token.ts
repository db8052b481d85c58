import "server-only";
import type { TUnsubscribeLinkInput } from "@/lib/newsletter/schemas";
import { verifyUnsubscribeToken } from "@/lib/newsletter/unsubscribe-token";

/** `isValidUnsubscribeToken(input)` — public read for the unsubscribe page's GET: checks the link, changes nothing. */
export function isValidUnsubscribeToken(input: TUnsubscribeLinkInput): boolean {
  return verifyUnsubscribeToken(input.token) !== null;
}
