import "server-only";
import { z } from "zod";
import { parsePhoneNumberFromString } from "libphonenumber-js";
import {
  TICKET_PRIORITIES,
  TICKET_STATUSES,
  ZAttachments,
  ZIdempotencyKey,
  ZMessageBody,
  zOptional,
  ZRefField,
} from "@/lib/tickets/schemas";

// The input schemas of the agent console's ticket work (replies, settings, presence, account
// changes, canned replies, the inbox's query string); the customer side's are in ./schemas.ts.

/** An agent's public reply or internal note (the `mode` radio decides). */
export const ZAgentReply = z.object({
  ref: ZRefField,
  body: ZMessageBody,
  mode: z.enum(["public", "internal"]),
  /** Status after a public reply; usually "pending" (waiting on the customer) or "solved". */
  status: zOptional(z.enum(TICKET_STATUSES)),
  idempotencyKey: ZIdempotencyKey,
  attachments: ZAttachments.optional(),
});
export type TAgentReplyInput = z.infer<typeof ZAgentReply>;

/** Status, priority and assignee of a ticket. */
export const ZTicketUpdate = z.object({
  ref: ZRefField,
  status: z.enum(TICKET_STATUSES).optional(),
  priority: z.enum(TICKET_PRIORITIES).optional(),
  /** An agent id, or "" for nobody. */
  assigneeId: z.string().max(40).optional(),
});
export type TTicketUpdateInput = z.infer<typeof ZTicketUpdate>;

/** The ticket page's presence poll: which ticket, and whether this agent is writing a reply. */
export const ZViewerCheckIn = z.object({ ref: ZRefField, composing: z.boolean() });
export type TViewerCheckInInput = z.infer<typeof ZViewerCheckIn>;

const blank = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const text = (max: number) => z.preprocess(blank, z.string().trim().max(max, `At most ${max} characters`).optional());

/**
 * An account-change request applied from a ticket: only the fields filled in change; a new postal
 * address needs street, postal code, city and country together.
 */
export const ZAccountChange = z
  .object({
    ref: ZRefField,
    name: text(100),
    phone: z.preprocess(
      blank,
      z
        .string()
        .trim()
        .max(40)
        .transform((v, ctx) => {
          const phone = parsePhoneNumberFromString(v);
          if (!phone?.isValid()) {
            ctx.addIssue({ code: "custom", message: "Enter the number with its country code, e.g. +49 170 1234567" });
            return z.NEVER;
          }
          return phone.number;
        })
        .optional(),
    ),
    line1: text(200),
    line2: text(200),
    city: text(100),
    region: text(100),
    postalCode: text(20),
    country: z.preprocess(
      blank,
      z
        .string()
        .trim()
        .toUpperCase()
        .regex(/^[A-Z]{2}$/, "Use the two-letter country code, e.g. DE")
        .optional(),
    ),
  })
  .superRefine((v, ctx) => {
    const address = [v.line1, v.city, v.postalCode, v.country];
    if (address.some(Boolean) && !address.every(Boolean)) {
      for (const key of ["line1", "city", "postalCode", "country"] as const) {
        if (!v[key]) ctx.addIssue({ code: "custom", path: [key], message: "Needed for a new address" });
      }
    }
    if (!v.name && !v.phone && !v.line1)
      ctx.addIssue({ code: "custom", path: ["name"], message: "Enter at least one detail to change" });
  });
export type TAccountChangeInput = z.infer<typeof ZAccountChange>;

// Canned replies are the team's own text (no customer data), so they are stored in plain text.
/** A new canned reply (no id) or an edit of one. */
export const ZCannedReply = z.object({
  id: zOptional(z.string().max(40)),
  title: z.string().trim().min(1, "Give the reply a title").max(100, "Keep the title under 100 characters"),
  body: z.string().trim().min(1, "Write the reply").max(10_000, "Keep the reply under 10,000 characters"),
});
export type TCannedReplyInput = z.infer<typeof ZCannedReply>;

/** One canned reply, by id (delete). */
export const ZCannedReplyId = z.object({ id: z.string().min(1).max(40) });
export type TCannedReplyIdInput = z.infer<typeof ZCannedReplyId>;

export const INBOX_VIEWS = ["unassigned", "mine", "open", "pending", "solved", "unverified"] as const;
export type TInboxView = (typeof INBOX_VIEWS)[number];

/**
 * A queue's count is exact up to this many tickets; above it the inbox shows "1,000+" (counting
 * further would read the whole queue, and its cost would grow with the desk's history).
 */
export const INBOX_COUNT_CAP = 1000;

/** A queue's count as the inbox shows it: "12", or "1,000+" past the cap. */
export function inboxCountLabel(count: number): string {
  return count > INBOX_COUNT_CAP ? `${INBOX_COUNT_CAP.toLocaleString("en")}+` : count.toLocaleString("en");
}

export const INBOX_VIEW_LABELS: Record<TInboxView, string> = {
  unassigned: "Unassigned",
  mine: "Mine",
  open: "All open",
  pending: "Waiting on customer",
  solved: "Solved",
  unverified: "Unconfirmed",
};

const firstValue = (v: unknown): unknown => (Array.isArray(v) ? (v as unknown[])[0] : v);
const searchText = (v: unknown): string => {
  const first = firstValue(v);
  return typeof first === "string" ? first.trim().slice(0, 200) : "";
};

/**
 * The inbox's query string (`?view=…&s=…&sort=newest`; `s` is the sealed search text, see
 * lib/crypto/sealed-search.ts). A link anyone can edit, so anything unexpected falls back to the
 * default view rather than failing.
 */
export const ZInboxSearch = z.object({
  view: z.preprocess(firstValue, z.enum(INBOX_VIEWS).catch("unassigned")),
  s: z.preprocess(firstValue, z.string().max(2000).catch("")).optional(),
  sort: z.preprocess(searchText, z.string()),
});
/** The inbox's query string as the page receives it. */
export type TInboxSearchInput = Partial<Record<"view" | "s" | "sort", string | string[]>>;

/** A search posted from the inbox form (answered with a redirect to the sealed `?s=`). */
export const ZInboxSearchForm = z.object({
  /** Empty: back to the queue. */
  query: z.string().trim().max(200).catch(""),
  view: z.enum(INBOX_VIEWS).catch("unassigned"),
  sort: z.enum(["newest", ""]).catch(""),
});
