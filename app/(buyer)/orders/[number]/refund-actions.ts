"use server";
import { headers } from "next/headers";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireBuyer } from "@/lib/auth/guards";
import { clientIp, userAgentOf } from "@/lib/http/client-info";
import { formAction, type TFormState } from "@/lib/http/form-action";
import { requestRefund } from "@/lib/refunds/request-refund";
import { cancelRefund } from "@/lib/refunds/cancel-refund";

// The lib use case validates the rest (reason, note, key); `itemIds` repeats, so it is read with getAll.
const ZRequestForm = z.object({
  orderId: z.string().max(64),
  orderNumber: z.string().max(100),
  reason: z.string().max(40).optional(),
  note: z.string().max(5000).optional(),
  idempotencyKey: z.string().max(200),
});

/** Sends a refund request for the chosen items (one request however often it is submitted). */
export const requestRefundAction = formAction(ZRequestForm, async (form, formData): Promise<TFormState> => {
  const buyer = await requireBuyer();
  const requestHeaders = await headers();
  const itemIds = formData.getAll("itemIds").filter((v): v is string => typeof v === "string");
  const result = await requestRefund({
    buyer,
    request: {
      orderId: form.orderId,
      itemIds,
      reason: form.reason ?? "",
      note: form.note ?? "",
      idempotencyKey: form.idempotencyKey,
    },
    ip: clientIp(requestHeaders),
    userAgent: userAgentOf(requestHeaders),
  });
  revalidatePath(`/orders/${encodeURIComponent(form.orderNumber)}`);
  revalidatePath("/orders");
  return {
    status: "success",
    message: result.created
      ? "Your refund request was sent. We e-mailed you a confirmation."
      : "Your refund request was already sent.",
  };
});

/** Withdraws the buyer's pending refund request. */
export const cancelRefundAction = formAction(
  z.object({ refundId: z.string().max(64), orderNumber: z.string().max(100) }),
  async ({ refundId, orderNumber }): Promise<TFormState> => {
    const buyer = await requireBuyer();
    const requestHeaders = await headers();
    await cancelRefund({ buyer, refundId, ip: clientIp(requestHeaders), userAgent: userAgentOf(requestHeaders) });
    revalidatePath(`/orders/${encodeURIComponent(orderNumber)}`);
    revalidatePath("/orders");
    return { status: "success", message: "Your refund request was cancelled." };
  },
);
