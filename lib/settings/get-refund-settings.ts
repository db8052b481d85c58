import "server-only";
import { assertAdmin } from "@/lib/auth/assert-admin";
import type { TAgentSession } from "@/lib/auth/types";
import { readStoredRefundSettings } from "@/lib/settings/refund-settings";

/** The refund settings as the settings page shows them: whether a secret is set, never the secret. */
export interface TRefundSettingsView {
  gateway: "manual" | "webhook";
  webhookUrl: string | null;
  webhookSecretSet: boolean;
  /** Approvals of more than this amount (minor units) need a second admin; null: never. */
  secondApprovalAboveMinor: number | null;
}

/** `getRefundSettings(actor)`: the refund settings for the admin settings page (admins only). */
export async function getRefundSettings(actor: TAgentSession): Promise<TRefundSettingsView> {
  assertAdmin(actor);
  const stored = await readStoredRefundSettings();
  return {
    gateway: stored.gateway,
    webhookUrl: stored.webhookUrl ?? null,
    webhookSecretSet: Boolean(stored.webhookSecretEnc),
    secondApprovalAboveMinor: stored.secondApprovalAboveMinor ?? null,
  };
}
