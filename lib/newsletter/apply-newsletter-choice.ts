import "server-only";
import type { TTx } from "@/lib/db";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { TRequestMeta } from "@/lib/http/request-meta";

export type TNewsletterVia = "account" | "one_click" | "unsubscribe_page";

/**
 * `applyNewsletterChoice(tx, input, meta)` — step shared by the account page and the unsubscribe
 * endpoints, inside the caller's transaction: records a customer's newsletter choice (with the
 * time, so an older order's choice never overrides it) and audits it; returns whether it changed.
 */
export async function applyNewsletterChoice(
  tx: TTx,
  input: { customerId: string; subscribed: boolean; via: TNewsletterVia },
  meta: TRequestMeta,
): Promise<boolean> {
  const updated = await tx.customer.updateMany({
    where: { id: input.customerId, erasedAt: null, newsletter: !input.subscribed },
    data: { newsletter: input.subscribed, newsletterAt: new Date() },
  });
  if (updated.count === 0) return false;
  await recordAuditEvent(
    {
      // The customer acts in every case: signed in on /account, or holding their signed link.
      actorType: "customer",
      actorId: input.customerId,
      customerId: input.customerId,
      action: "account.newsletter_changed",
      targetType: "customer",
      targetId: input.customerId,
      ip: meta.ip,
      userAgent: meta.userAgent,
      metadata: { subscribed: input.subscribed, via: input.via },
    },
    tx,
  );
  return true;
}
