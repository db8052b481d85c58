"use server";
import { revalidatePath } from "next/cache";
import { adminAction } from "@/lib/http/actions";
import { updateRefundSettings } from "@/lib/settings/update-refund-settings";
import { ZRefundSettingsInput } from "@/lib/settings/schemas";

/** Saves the refund gateway and the second-approval amount (admins only, audited). */
export const saveRefundSettingsAction = adminAction(ZRefundSettingsInput, async ({ actor, input, meta }) => {
  await updateRefundSettings(actor, input, meta);
  revalidatePath("/agent/settings");
  return { status: "success", message: "Refund settings saved." };
});
