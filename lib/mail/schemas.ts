import "server-only";
import { z } from "zod";

// Headers a caller may add. Addressing, identity and MIME structure are set by the transport, so
// they cannot be overridden (or smuggled in) through here.
const RESERVED_HEADERS = new Set([
  "from",
  "to",
  "cc",
  "bcc",
  "reply-to",
  "sender",
  "subject",
  "message-id",
  "date",
  "content-type",
  "content-transfer-encoding",
  "mime-version",
  "return-path",
]);

const ZHeaderName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,60}$/, "must be a plain header name")
  .refine((name) => !RESERVED_HEADERS.has(name.toLowerCase()), "is set by Keydesk itself");

const ZHeaderValue = z
  .string()
  .max(2000)
  .regex(/^[^\r\n]*$/, "must be one line");

/** A rendered e-mail as it is stored (encrypted) in the outbox and handed to the transport. */
export const ZOutboxMail = z.object({
  to: z.email().max(320),
  subject: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .regex(/^[^\r\n]*$/, "must be one line"),
  text: z.string().min(1).max(100_000),
  html: z.string().min(1).max(300_000),
  headers: z.record(ZHeaderName, ZHeaderValue).optional(),
  /** The From display name (the vendor's brand); the address is always MAIL_FROM's. */
  fromName: z
    .string()
    .trim()
    .min(1)
    .max(120)
    .regex(/^[^\r\n]*$/, "must be one line")
    .optional(),
  /** Where replies go (the brand's support address); unset: MAIL_FROM. */
  replyTo: z.email().max(320).optional(),
});
export type TOutboxMail = z.infer<typeof ZOutboxMail>;

/** What a use case passes to `enqueueMail`: the mail plus a kind ("auth.sign_in_link", …). */
export const ZMailInput = ZOutboxMail.extend({
  kind: z.string().regex(/^[a-z][a-z0-9_.]{0,63}$/, "must be a dotted lower-case name"),
});
export type TMailInput = z.infer<typeof ZMailInput>;

/** Which page of the dev mailbox an admin lists. */
export const ZDevMailboxInput = z.object({ limit: z.number().int().min(1).max(200).optional() });
export type TDevMailboxInput = z.infer<typeof ZDevMailboxInput>;

/** One dev-mailbox mail, by its outbox id (the `[id]` of /agent/mailbox/[id]). */
export const ZDevMailId = z.object({ id: z.string().min(1).max(64) });
export type TDevMailIdInput = z.infer<typeof ZDevMailId>;
