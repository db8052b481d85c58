"use server";
import { publicAction } from "@/lib/http/actions";
import type { TFormState } from "@/lib/http/form-state";
import { ZOrderLookupForm } from "@/lib/buyers/schemas";
import { lookUpOrders } from "@/lib/buyers/look-up-orders";

/**
 * "Find my orders". A likely typo in a common domain is offered back before anything is sent;
 * otherwise the look-up is queued and the page says the same thing for every address.
 */
export const findMyOrders = publicAction(ZOrderLookupForm, async ({ input, meta }): Promise<TFormState> => {
  const outcome = await lookUpOrders(input, meta);
  if (outcome.kind === "suggestion")
    return { status: "idle", data: { suggestion: outcome.suggestion }, values: { email: outcome.typed } };
  return { status: "success", data: { sentTo: outcome.sentTo } };
});
