"use server";
import { headers } from "next/headers";
import { z } from "zod";
import { requireBuyer } from "@/lib/auth/guards";
import { maskEmail } from "@/lib/buyers/email-address";
import { clientIp, userAgentOf } from "@/lib/http/client-info";
import { formAction, type TFormState } from "@/lib/http/form-action";
import { resendLicenseKeys } from "@/lib/licenses/resend-license-keys";

const ZForm = z.object({
  /** Random per page render; a repeat (double click) gets the first answer and no second mail. */
  idempotencyKey: z.string().max(200),
  /** One order, or every order when absent. */
  orderId: z.string().max(64).optional(),
});

/** "E-mail me my keys": queues one mail with the active keys of this order (or all orders). */
export const resendKeys = formAction(ZForm, async ({ idempotencyKey, orderId }): Promise<TFormState> => {
  const buyer = await requireBuyer();
  const requestHeaders = await headers();
  const result = await resendLicenseKeys({
    buyer,
    orderId: orderId || null,
    idempotencyKey,
    ip: clientIp(requestHeaders),
    userAgent: userAgentOf(requestHeaders),
  });
  return {
    status: "success",
    message: `We are sending ${result.keys === 1 ? "your licence key" : `your ${result.keys} licence keys`} to ${maskEmail(buyer.email)}.`,
  };
});
