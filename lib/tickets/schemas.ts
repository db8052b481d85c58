import "server-only";
// The ticket domain's input schemas for the customer side (support form, public API, replies, links)
// and what both sides share; the agent console's are in ./agent-schemas.ts.
import { z } from "zod";
import { ZBuyerEmail } from "@/lib/buyers/email-address";
import { zFormList } from "@/lib/http/form-fields";
import type { TAttachmentItem, TIncomingFile } from "@/lib/tickets/attachments/store-attachments";
import { isUploadReceipt } from "@/lib/tickets/attachments/stage-attachment";

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

/** An optional field: missing, null or blank all mean "not given" (shared with ./agent-schemas.ts). */
export function zOptional<T extends z.ZodType>(schema: T) {
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
  name: zOptional(z.string().trim().max(100, "Keep the name under 100 characters")),
  subject: ZSubject,
  message: ZMessageBody.refine((v) => v.length >= 10, "Tell us a little more (at least 10 characters)"),
  category: zOptional(ZCategory),
  orderNumber: zOptional(
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
  category: zOptional(ZCategory),
  orderId: zOptional(z.string().max(40)),
});
export type TBuyerTicket = z.infer<typeof ZBuyerTicket>;

/** The human reference of a ticket: "KD-" and six letters or digits. */
export const ZTicketRef = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^KD-[2-9A-HJ-NP-Z]{6}$/, "Not a ticket reference");

/**
 * A ticket reference as a form or page sends it back. Only its length is checked here: a
 * malformed one finds no ticket, so it gets the same "not found" as someone else's ticket.
 */
export const ZRefField = z.string().trim().max(20);

const isIncomingFile = (value: unknown): value is TIncomingFile =>
  typeof value === "object" &&
  value !== null &&
  "name" in value &&
  "size" in value &&
  "arrayBuffer" in value &&
  typeof value.name === "string" &&
  typeof value.size === "number" &&
  typeof value.arrayBuffer === "function";

/**
 * The `attachments` field of a form: files posted with it (none, one or several), or the receipts of
 * files uploaded before through POST /support-attachments (what the forms' script sends). Any other
 * text is dropped; the size, count and type checks happen in `storeAttachments`.
 */
export const ZAttachments = zFormList(z.unknown()).transform((values) =>
  values.filter((value): value is TAttachmentItem => isIncomingFile(value) || isUploadReceipt(value)),
);

/** A random key per rendered form, so a double click sends one message (see `newIdempotencyKey`). */
export const ZIdempotencyKey = zOptional(z.string().max(200));

/** The honeypot field `website`: people never see it, so anything in it means a bot. */
const ZHoneypot = zOptional(z.string().max(2000));

/** A new ticket from a guest through the public JSON API: the guest fields and the honeypot. */
export const ZApiTicket = ZGuestTicket.extend({ website: ZHoneypot });
export type TApiTicket = z.infer<typeof ZApiTicket>;

/**
 * The support form, as guests and signed-in buyers send it. Guests send `email` (and may leave it
 * empty, which is an error); the buyer's form has no such field. Which fields count is decided by
 * `openTicket`, from who is signed in.
 */
export const ZOpenTicket = z.object({
  ...ZGuestTicket.shape,
  email: ZBuyerEmail.optional(),
  orderId: ZBuyerTicket.shape.orderId,
  website: ZHoneypot,
  /** The proof-of-work answer the guest form's widget writes (base64 JSON). */
  pow: zOptional(z.string().max(4000)),
  attachments: ZAttachments.optional(),
});
export type TOpenTicketInput = z.infer<typeof ZOpenTicket>;

/** A reply of the buyer (or guest) in their own ticket. */
export const ZCustomerReply = z.object({
  ref: ZRefField,
  body: ZMessageBody,
  idempotencyKey: ZIdempotencyKey,
  attachments: ZAttachments.optional(),
});
export type TCustomerReplyInput = z.infer<typeof ZCustomerReply>;

/** "My problem is solved" (closed: "yes") or "reopen" (closed: "no"). */
export const ZSetTicketClosed = z.object({
  ref: ZRefField,
  closed: z.enum(["yes", "no"]).transform((value) => value === "yes"),
});
export type TSetTicketClosedInput = z.infer<typeof ZSetTicketClosed>;

/** A ticket as a page asks for it by reference. */
export const ZTicketRefInput = z.object({ ref: ZRefField });
export type TTicketRefInput = z.infer<typeof ZTicketRefInput>;

/** "Send me a new link to my ticket". */
export const ZTicketLinkRequest = z.object({ ref: ZTicketRef, email: ZBuyerEmail });
export type TTicketLinkRequest = z.infer<typeof ZTicketLinkRequest>;

/** The confirm button of a mailed ticket link. */
export const ZTicketLinkToken = z.object({ token: z.string().max(200) });
export type TTicketLinkToken = z.infer<typeof ZTicketLinkToken>;
