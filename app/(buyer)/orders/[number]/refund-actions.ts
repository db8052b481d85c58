"use server";
import { revalidatePath } from "next/cache";
import { buyerAction } from "@/lib/http/actions";
import { requestRefund } from "@/lib/refunds/request-refund";
import { cancelRefund } from "@/lib/refunds/cancel-refund";
import { ZCancelRefundForm, ZRefundRequestForm } from "@/lib/refunds/schemas";

/** Sends a refund request for the chosen items (one request however often it is submitted). */
export const requestRefundAction = buyerAction(ZRefundRequestForm, async ({ actor, input, meta }) => {
  const result = await requestRefund(actor, input, meta);
  revalidateOrder(input.orderNumber);
  return {
    status: "success",
    message: result.created
      ? "Your refund request was sent. We e-mailed you a confirmation."
      : "Your refund request was already sent.",
  };
});

/** Withdraws the buyer's pending refund request. */
export const cancelRefundAction = buyerAction(ZCancelRefundForm, async ({ actor, input, meta }) => {
  await cancelRefund(actor, input, meta);
  revalidateOrder(input.orderNumber);
  return { status: "success", message: "Your refund request was cancelled." };
});

function revalidateOrder(orderNumber: string): void {
  revalidatePath(`/orders/${encodeURIComponent(orderNumber)}`);
  revalidatePath("/orders");
}
