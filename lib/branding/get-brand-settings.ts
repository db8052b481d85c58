import "server-only";
import { assertAdmin } from "@/lib/auth/assert-admin";
import { brandLogoPath, getBrand, type TBrand } from "@/lib/branding/brand";
import { LOGO_MAX_BYTES } from "@/lib/branding/logo-image";
import type { TAgentSession } from "@/lib/auth/types";

/** The brand as the settings page edits it. */
export interface TBrandSettingsView {
  brand: TBrand;
  logoPath: string | null;
  logoMaxKb: number;
}

/** `getBrandSettings(actor)`: the brand for the admin settings page (admins only). */
export async function getBrandSettings(actor: TAgentSession): Promise<TBrandSettingsView> {
  assertAdmin(actor);
  const brand = await getBrand();
  return { brand, logoPath: brandLogoPath(brand), logoMaxKb: LOGO_MAX_BYTES / 1024 };
}
