"use server";
import { buyerAction } from "@/lib/http/actions";
import { maskEmail } from "@/lib/buyers/email-address";
import { ZResendKeys } from "@/lib/licenses/schemas";
import { resendLicenseKeys } from "@/lib/licenses/resend-license-keys";

/** "E-mail me my keys": queues one mail with the active keys of this order (or all orders). */
export const resendKeys = buyerAction(ZResendKeys, async ({ actor, input, meta }) => {
  const result = await resendLicenseKeys(actor, input, meta);
  return {
    status: "success",
    message: `We are sending ${result.keys === 1 ? "your licence key" : `your ${result.keys} licence keys`} to ${maskEmail(actor.email)}.`,
  };
});
