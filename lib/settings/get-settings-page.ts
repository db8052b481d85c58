import "server-only";
import { assertAdmin } from "@/lib/auth/assert-admin";
import type { TAgentSession } from "@/lib/auth/types";
import { getBrandSettings, type TBrandSettingsView } from "@/lib/branding/get-brand-settings";
import { getRefundSettings, type TRefundSettingsView } from "@/lib/settings/get-refund-settings";

/** Everything the console's settings page shows: the brand and the refund settings (never a secret). */
export interface TSettingsPage {
  brand: TBrandSettingsView;
  refunds: TRefundSettingsView;
}

/** `getSettingsPage(admin)`: the settings page's one read (admins only). */
export async function getSettingsPage(admin: TAgentSession): Promise<TSettingsPage> {
  assertAdmin(admin);
  const [brand, refunds] = await Promise.all([getBrandSettings(admin), getRefundSettings(admin)]);
  return { brand, refunds };
}
