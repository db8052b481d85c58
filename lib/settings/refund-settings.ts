import "server-only";
import { z } from "zod";
import { db, type TTx } from "@/lib/db";
import { ZWebhookUrl } from "@/lib/settings/schemas";

// Internal reads of the refund settings row, for lib only. The admin page reads them through
// `getRefundSettings(admin)`, which never carries the secret; the gateway deliverer gets the
// decrypted secret from `readRefundWebhookTarget()`.

/** The `Setting` row that holds how refunds are paid back and when a second admin must confirm. */
export const REFUND_SETTINGS_KEY = "refunds";

/** The stored shape (the signing secret only ever encrypted). */
export const ZStoredRefundSettings = z.object({
  gateway: z.enum(["manual", "webhook"]).default("manual"),
  webhookUrl: ZWebhookUrl.optional(),
  webhookSecretEnc: z.string().optional(),
  secondApprovalAboveMinor: z.number().int().min(0).optional(),
});
export type TStoredRefundSettings = z.infer<typeof ZStoredRefundSettings>;

/** What an approval needs to know: where the money goes back and when a second admin must confirm. */
export interface TRefundPolicy {
  gateway: "manual" | "webhook";
  /** Approvals of more than this amount (minor units) need a second admin; null: never. */
  secondApprovalAboveMinor: number | null;
}

/**
 * The stored setting row, or the defaults (manual gateway, no second approval) when there is none.
 * A row that does not parse throws: silently falling back would drop the second-approval rule.
 */
export async function readStoredRefundSettings(tx?: TTx): Promise<TStoredRefundSettings> {
  const row = await (tx ?? db()).setting.findUnique({ where: { key: REFUND_SETTINGS_KEY }, select: { value: true } });
  return ZStoredRefundSettings.parse(row?.value ?? {});
}

/** The refund policy in effect (inside the caller's transaction when one is given); no secret. */
export async function readRefundPolicy(tx?: TTx): Promise<TRefundPolicy> {
  const stored = await readStoredRefundSettings(tx);
  return { gateway: stored.gateway, secondApprovalAboveMinor: stored.secondApprovalAboveMinor ?? null };
}
