"use server";
import { redirect } from "next/navigation";
import { currentBuyer } from "@/lib/auth/guards";
import { publicAction } from "@/lib/http/actions";
import { chooseLanguage, ZChooseLanguage } from "@/lib/i18n/choose-language";

/** The language menu: remembers the choice (cookie, and the customer when signed in), back to the same page. */
export const changeLanguage = publicAction.submit(ZChooseLanguage, async ({ input, meta }) => {
  await chooseLanguage(await currentBuyer(), input, meta);
  redirect(input.returnTo);
});
