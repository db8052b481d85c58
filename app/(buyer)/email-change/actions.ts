"use server";
import { getTranslations } from "next-intl/server";
import { currentBuyer } from "@/lib/auth/guards";
import { publicAction } from "@/lib/http/actions";
import { ZEmailChangeLink } from "@/lib/accounts/schemas";
import { confirmEmailChange } from "@/lib/accounts/confirm-email-change";
import { undoEmailChange } from "@/lib/accounts/undo-email-change";

/** The confirm button of the link mailed to the new address: only this POST uses the link. */
export const confirmChange = publicAction(ZEmailChangeLink, async ({ input, meta }) => {
  // The link is the proof; a buyer signed in here keeps this browser's session.
  const buyer = await currentBuyer();
  const { to } = await confirmEmailChange(buyer, input, meta);
  const t = await getTranslations("emailChange");
  return {
    status: "success",
    message: t("confirmed", { email: to }),
    data: { signedIn: buyer ? "yes" : "no" },
  };
});

/** The undo button of the link mailed to the old address. */
export const undoChange = publicAction(ZEmailChangeLink, async ({ input, meta }) => {
  const { restored } = await undoEmailChange(input, meta);
  const t = await getTranslations("emailChange");
  return { status: "success", message: t("undone", { email: restored }) };
});
