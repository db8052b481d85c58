import "server-only";
import { z } from "zod";
import { ZBuyerEmail } from "@/lib/buyers/email-address";

export const TICKET_CATEGORIES = [
  "license_key",
  "download",
  "refund",
  "billing",
  "account_change",
  "technical",
  "other",
] as const;
export const TICKET_STATUSES = ["open", "pending", "solved", "closed"] as const;
export const TICKET_PRIORITIES = ["low", "normal", "high", "urgent"] as const;

export type TTicketCategory = (typeof TICKET_CATEGORIES)[number];
export type TTicketStatus = (typeof TICKET_STATUSES)[number];
export type TTicketPriority = (typeof TICKET_PRIORITIES)[number];

/** What each category is called on the form and in the inbox. */
export const CATEGORY_LABELS: Record<TTicketCategory, string> = {
  license_key: "Licence key",
  download: "Download",
  refund: "Refund",
  billing: "Billing",
  account_change: "Change my account details",
  technical: "Technical problem",
  other: "Something else",
};

export const MAX_SUBJECT = 200;
export const MAX_MESSAGE = 20_000;

/** Optional text: missing, null or blank all mean "not given". */
function optional<T extends z.ZodType>(schema: T) {
  return z.preprocess(
    (v) => (v === null || (typeof v === "string" && v.trim() === "") ? undefined : v),
    schema.optional(),
  );
}

const ZSubject = z
  .string({ error: "Enter a subject" })
  .trim()
  .min(3, "Write a few words as a subject")
  .max(MAX_SUBJECT, `Keep the subject under ${MAX_SUBJECT} characters`)
  .regex(/^[^\r\n]*$/, "The subject must be one line");

/** A message from a customer or an agent: trimmed, not empty, at most 20,000 characters. */
export const ZMessageBody = z
  .string({ error: "Write your message" })
  .trim()
  .min(1, "Write your message")
  .max(MAX_MESSAGE, `Keep the message under ${MAX_MESSAGE.toLocaleString("en-GB")} characters`);

const ZCategory = z.enum(TICKET_CATEGORIES, { error: "Choose what your request is about" });

/** A new ticket from a guest (web form or the public JSON API, SPEC §2). */
export const ZGuestTicket = z.object({
  email: ZBuyerEmail,
  name: optional(z.string().trim().max(100, "Keep the name under 100 characters")),
  subject: ZSubject,
  message: ZMessageBody.refine((v) => v.length >= 10, "Tell us a little more (at least 10 characters)"),
  category: optional(ZCategory),
  orderNumber: optional(
    z
      .string()
      .trim()
      .max(40, "That order number is too long")
      .regex(/^[A-Za-z0-9._#/-]+$/, "Use the order number as it appears in your confirmation"),
  ),
});
export type TGuestTicket = z.infer<typeof ZGuestTicket>;

/** A new ticket from a signed-in buyer: the address comes from the session, the order from their list. */
export const ZBuyerTicket = z.object({
  subject: ZSubject,
  message: ZGuestTicket.shape.message,
  category: optional(ZCategory),
  orderId: optional(z.string().max(40)),
});
export type TBuyerTicket = z.infer<typeof ZBuyerTicket>;

/** The human reference of a ticket: "KD-" and six letters or digits. */
export const ZTicketRef = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^KD-[2-9A-HJ-NP-Z]{6}$/, "Not a ticket reference");
