import "server-only";
import { z } from "zod";

/** The newsletter button on /account: "yes" subscribes, "no" unsubscribes. */
export const ZNewsletterChoice = z.object({ subscribed: z.enum(["yes", "no"]).transform((v) => v === "yes") });
export type TNewsletterChoiceInput = z.output<typeof ZNewsletterChoice>;

/**
 * A signed unsubscribe link's token (page button, one-click POST). Bounded only loosely: a token
 * that is not valid is refused by the use case, which counts it against the sender's IP.
 */
export const ZUnsubscribeLink = z.object({ token: z.string().min(1).max(2000) });
export type TUnsubscribeLinkInput = z.infer<typeof ZUnsubscribeLink>;
