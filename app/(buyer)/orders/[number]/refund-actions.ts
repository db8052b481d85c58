"use server";
import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { buyerAction } from "@/lib/http/actions";
import { requestRefund } from "@/lib/refunds/request-refund";
import { cancelRefund } from "@/lib/refunds/cancel-refund";
import { ZCancelRefundForm, ZRefundRequestForm } from "@/lib/refunds/schemas";

/** Sends a refund request for the chosen items (one request however often it is submitted). */
export const requestRefundAction = buyerAction(ZRefundRequestForm, async ({ actor, input, meta }) => {
  const result = await requestRefund(actor, input, meta);
  revalidateOrder(input.orderNumber);
  const t = await getTranslations("order.refund");
  return { status: "success", message: t(result.created ? "requested" : "alreadyRequested") };
});

/** Withdraws the buyer's pending refund request. */
export const cancelRefundAction = buyerAction(ZCancelRefundForm, async ({ actor, input, meta }) => {
  await cancelRefund(actor, input, meta);
  revalidateOrder(input.orderNumber);
  const t = await getTranslations("order.refund");
  return { status: "success", message: t("cancelled") };
});

function revalidateOrder(orderNumber: string): void {
  revalidatePath(`/orders/${encodeURIComponent(orderNumber)}`);
  revalidatePath("/orders");
}
