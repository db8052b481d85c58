"use server";
import { getTranslations } from "next-intl/server";
import { buyerAction } from "@/lib/http/actions";
import { maskEmail } from "@/lib/buyers/email-address";
import { ZResendKeys } from "@/lib/licenses/schemas";
import { resendLicenseKeys } from "@/lib/licenses/resend-license-keys";

/** "E-mail me my keys": queues one mail with the active keys of this order (or all orders). */
export const resendKeys = buyerAction(ZResendKeys, async ({ actor, input, meta }) => {
  const result = await resendLicenseKeys(actor, input, meta);
  const t = await getTranslations("orders.resend");
  return { status: "success", message: t("sending", { count: result.keys, email: maskEmail(actor.email) }) };
});
