import "server-only";
import { ENC } from "@/lib/crypto/contexts";
import { z } from "zod";
import { db, type TTx } from "@/lib/db";
import { decryptOptional } from "@/lib/crypto/encryption";

/** The `Setting` row that holds how refunds are paid back and when a second admin must confirm. */
export const REFUND_SETTINGS_KEY = "refunds";

/** The stored shape (the signing secret only ever encrypted). */
export const ZStoredRefundSettings = z.object({
  gateway: z.enum(["manual", "webhook"]).default("manual"),
  webhookUrl: z.string().url().optional(),
  webhookSecretEnc: z.string().optional(),
  secondApprovalAboveMinor: z.number().int().min(0).optional(),
});
export type TStoredRefundSettings = z.infer<typeof ZStoredRefundSettings>;

/** Refund settings as use cases read them; `webhookSecret` is decrypted, null when none is set. */
export interface TRefundSettings {
  gateway: "manual" | "webhook";
  webhookUrl: string | null;
  webhookSecret: string | null;
  /** Approvals of more than this amount (minor units) need a second admin; null: never. */
  secondApprovalAboveMinor: number | null;
}

/** The stored setting row, or the defaults (manual gateway, no second approval) when there is none. */
export async function readStoredRefundSettings(tx?: TTx): Promise<TStoredRefundSettings> {
  const row = await (tx ?? db()).setting.findUnique({ where: { key: REFUND_SETTINGS_KEY }, select: { value: true } });
  const parsed = ZStoredRefundSettings.safeParse(row?.value ?? {});
  return parsed.success ? parsed.data : { gateway: "manual" };
}

/** The refund settings in effect (inside the caller's transaction when one is given). */
export async function getRefundSettings(tx?: TTx): Promise<TRefundSettings> {
  const stored = await readStoredRefundSettings(tx);
  return {
    gateway: stored.gateway,
    webhookUrl: stored.webhookUrl ?? null,
    webhookSecret: decryptOptional(stored.webhookSecretEnc, ENC.refundWebhookSecret),
    secondApprovalAboveMinor: stored.secondApprovalAboveMinor ?? null,
  };
}
