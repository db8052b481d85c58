"use server";
import { headers } from "next/headers";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireAdmin } from "@/lib/auth/guards";
import { clientIp, userAgentOf } from "@/lib/http/client-info";
import { formAction, type TFormState } from "@/lib/http/form-action";
import { updateRefundSettings } from "@/lib/settings/update-refund-settings";

// Shape only; the use case validates the values and answers with field errors.
const ZForm = z.object({
  gateway: z.string().max(20).default(""),
  webhookUrl: z.string().max(1000).default(""),
  webhookSecret: z.string().max(1000).default(""),
  secondApprovalAbove: z.string().max(50).default(""),
});

/** Saves the refund gateway and the second-approval amount (admins only, audited). */
export const saveRefundSettingsAction = formAction(ZForm, async (form): Promise<TFormState> => {
  const admin = await requireAdmin();
  const requestHeaders = await headers();
  await updateRefundSettings({ admin, form, ip: clientIp(requestHeaders), userAgent: userAgentOf(requestHeaders) });
  revalidatePath("/agent/settings");
  return { status: "success", message: "Refund settings saved." };
});
