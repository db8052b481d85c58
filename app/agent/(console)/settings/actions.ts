"use server";
import { revalidatePath } from "next/cache";
import { adminAction } from "@/lib/http/actions";
import { updateRefundSettings } from "@/lib/settings/update-refund-settings";
import { ZRefundSettingsInput } from "@/lib/settings/schemas";
import { ZBrandForm } from "@/lib/branding/schemas";
import { updateBrand } from "@/lib/branding/update-brand";

/** Saves the refund gateway and the second-approval amount (admins only, audited). */
export const saveRefundSettingsAction = adminAction(ZRefundSettingsInput, async ({ actor, input, meta }) => {
  await updateRefundSettings(actor, input, meta);
  revalidatePath("/agent/settings");
  return { status: "success", message: "Refund settings saved." };
});

/** Saves the vendor's brand (admins only, audited); an uploaded logo is checked by its bytes. */
export const saveBrandAction = adminAction(ZBrandForm, async ({ actor, input, meta }) => {
  const { logo, ...fields } = input;
  const bytes = logo ? new Uint8Array(await logo.arrayBuffer()) : undefined;
  await updateBrand(actor, { ...fields, ...(bytes ? { logo: bytes } : {}) }, meta);
  revalidatePath("/", "layout");
  return { status: "success", message: "Brand saved. Buyers see it on their next page." };
});
