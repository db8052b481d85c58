"use server";
import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { buyerAction } from "@/lib/http/actions";
import { ZAccountDetails, ZEmailChange, ZEndSession } from "@/lib/accounts/schemas";
import { ZNewsletterChoice } from "@/lib/newsletter/schemas";
import { ZBuyerErasureForm } from "@/lib/privacy/schemas";
import { updateAccountDetails } from "@/lib/accounts/update-account-details";
import { requestEmailChange } from "@/lib/accounts/request-email-change";
import { endBuyerSession } from "@/lib/accounts/end-buyer-session";
import { endOtherBuyerSessions } from "@/lib/accounts/end-other-buyer-sessions";
import { setNewsletter } from "@/lib/newsletter/set-newsletter";
import { requestErasure } from "@/lib/privacy/request-erasure";
import { cancelErasure } from "@/lib/privacy/cancel-erasure";

/** Saves name, postal address and phone (validated and normalised by the schema). */
export const saveDetails = buyerAction(ZAccountDetails, async ({ actor, input, meta }) => {
  const { changed } = await updateAccountDetails(actor, input, meta);
  revalidatePath("/account");
  const t = await getTranslations("account.messages");
  return { status: "success", message: t(changed.length === 0 ? "detailsUnchanged" : "detailsSaved") };
});

/** Mails a confirmation link to the new address. */
export const changeEmail = buyerAction(ZEmailChange, async ({ actor, input, meta }) => {
  const { to } = await requestEmailChange(actor, input, meta);
  const t = await getTranslations("account.messages");
  return { status: "success", message: t("emailLinkSent", { email: to }) };
});

/** Newsletter on or off. */
export const saveNewsletter = buyerAction(ZNewsletterChoice, async ({ actor, input, meta }) => {
  await setNewsletter(actor, input, meta);
  revalidatePath("/account");
  const t = await getTranslations("account.messages");
  return { status: "success", message: t(input.subscribed ? "subscribed" : "unsubscribed") };
});

/** Ends one session (another browser) or, with "others", all others. */
export const endSession = buyerAction(ZEndSession, async ({ actor, input, meta }) => {
  if (input.sessionId === "others") {
    const ended = await endOtherBuyerSessions(actor, meta);
    revalidatePath("/account");
    const t = await getTranslations("account.messages");
    return { status: "success", message: t("othersEnded", { count: ended }) };
  }
  await endBuyerSession(actor, input, meta);
  revalidatePath("/account");
  const t = await getTranslations("account.messages");
  return { status: "success", message: t("sessionEnded") };
});

/** Asks for erasure (lib refuses unless the confirmation is ticked) or withdraws the request. */
export const erasure = buyerAction(ZBuyerErasureForm, async ({ actor, input, meta }) => {
  if (input.intent === "cancel") {
    await cancelErasure(actor, meta);
    revalidatePath("/account");
    const t = await getTranslations("account.messages");
    return { status: "success", message: t("erasureWithdrawn") };
  }
  await requestErasure(actor, input, meta);
  revalidatePath("/account");
  const t = await getTranslations("account.messages");
  return { status: "success", message: t("erasureRequested") };
});
