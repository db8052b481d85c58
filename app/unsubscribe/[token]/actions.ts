"use server";
import { publicAction } from "@/lib/http/actions";
import { ZUnsubscribeLink } from "@/lib/newsletter/schemas";
import { unsubscribeByToken } from "@/lib/newsletter/unsubscribe-by-token";

/** The button of the unsubscribe page (works without signing in; the link is signed). */
export const unsubscribe = publicAction(ZUnsubscribeLink, async ({ input, meta }) => {
  await unsubscribeByToken({ ...input, via: "unsubscribe_page" }, meta);
  return { status: "success", message: "You are unsubscribed. You will get no more newsletters from us." };
});
