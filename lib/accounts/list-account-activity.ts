import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import type { TBuyerSession } from "@/lib/auth/types";

/** Account changes a buyer sees in their history (lib/buyers/list-access-history covers sign-ins, keys, downloads). */
export const ACCOUNT_ACTIVITY_LABELS = {
  "account.details_updated": "Details updated",
  "account.email_change_requested": "E-mail change requested",
  "account.email_changed": "E-mail address changed",
  "account.email_change_undone": "E-mail change undone",
  "account.newsletter_changed": "Newsletter choice changed",
  "account.data_exported": "Data downloaded",
  "account.erasure_requested": "Erasure requested",
  "account.erasure_cancelled": "Erasure request withdrawn",
  "account.session_ended": "A session was ended",
  "account.other_sessions_ended": "Other sessions ended",
} as const;

export type TAccountAction = keyof typeof ACCOUNT_ACTIVITY_LABELS;

/**
 * `listAccountActivity(buyer, limit)` — the latest account changes of the signed-in buyer, newest
 * first (who: the buyer, an agent or the system). Reads only.
 */
export async function listAccountActivity(buyer: TBuyerSession, limit = 20) {
  const rows = await db().auditEvent.findMany({
    where: { customerId: buyer.customerId, action: { in: Object.keys(ACCOUNT_ACTIVITY_LABELS) } },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: limit,
    select: { id: true, at: true, action: true, actorType: true, userAgent: true, metadata: true },
  });
  return rows.map((row) => ({
    id: row.id,
    at: row.at,
    label: newsletterLabel(row.action, row.metadata) ?? ACCOUNT_ACTIVITY_LABELS[row.action as TAccountAction],
    /** The label's catalogue key under `activity.actions` (buyer pages show its translation). */
    labelKey: newsletterKey(row.action, row.metadata) ?? row.action,
    by: row.actorType === "agent" ? "Support" : row.actorType === "system" ? "Keydesk" : "You",
    /** Who did it, as a catalogue key under `activity.by`. */
    byKey:
      row.actorType === "agent"
        ? ("support" as const)
        : row.actorType === "system"
          ? ("system" as const)
          : ("you" as const),
    userAgent: row.userAgent,
  }));
}

// lib/newsletter/apply-newsletter-choice records `{ subscribed, via }`.
const ZNewsletterChange = z.object({ subscribed: z.boolean() });

function newsletterSubscribed(action: string, metadata: unknown): boolean | null {
  if (action !== "account.newsletter_changed") return null;
  const change = ZNewsletterChange.safeParse(metadata);
  return change.success ? change.data.subscribed : null;
}

function newsletterLabel(action: string, metadata: unknown): string | null {
  const subscribed = newsletterSubscribed(action, metadata);
  if (subscribed === null) return null;
  return subscribed ? "Subscribed to the newsletter" : "Unsubscribed from the newsletter";
}

function newsletterKey(action: string, metadata: unknown): string | null {
  const subscribed = newsletterSubscribed(action, metadata);
  if (subscribed === null) return null;
  return subscribed ? "account.newsletter_subscribed" : "account.newsletter_unsubscribed";
}
