import "server-only";
import { z } from "zod";
import { ZBuyerEmail } from "@/lib/buyers/email-address";

/** "Find my orders" from the public API: the address to send a sign-in link to. */
export const ZSignInLinkRequest = z.object({ email: ZBuyerEmail });
export type TSignInLinkRequest = z.infer<typeof ZSignInLinkRequest>;

/**
 * The "find my orders" form: the address as typed, and which answer to a "did you mean" prompt the
 * buyer gave ("Yes, use …" sends `suggested`; "No, send to …" sends `confirmed`).
 */
export const ZOrderLookupForm = z.object({
  email: z.string().max(400),
  suggested: z.string().max(400).optional(),
  confirmed: z.enum(["yes"]).optional(),
});
export type TOrderLookupForm = z.infer<typeof ZOrderLookupForm>;

/** A sign-in link's token, as the link page and its confirm button carry it. */
export const ZSignInToken = z.object({ token: z.string().min(20).max(200) });
export type TSignInToken = z.infer<typeof ZSignInToken>;

/** What an unused sign-in link carries (encrypted in its row): the address it was sent to. */
export const ZSignInLinkPayload = z.object({ email: z.string() });
