"use server";
import { getTranslations } from "next-intl/server";
import { publicAction } from "@/lib/http/actions";
import { ZUnsubscribeLink } from "@/lib/newsletter/schemas";
import { unsubscribeByToken } from "@/lib/newsletter/unsubscribe-by-token";

/** The button of the unsubscribe page (works without signing in; the link is signed). */
export const unsubscribe = publicAction(ZUnsubscribeLink, async ({ input, meta }) => {
  await unsubscribeByToken({ ...input, via: "unsubscribe_page" }, meta);
  const t = await getTranslations("unsubscribe");
  return { status: "success", message: t("done") };
});
