"use server";
import { revalidatePath } from "next/cache";
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
  return {
    status: "success",
    message: changed.length === 0 ? "Nothing to save: your details are unchanged." : "Your details are saved.",
  };
});

/** Mails a confirmation link to the new address. */
export const changeEmail = buyerAction(ZEmailChange, async ({ actor, input, meta }) => {
  const { to } = await requestEmailChange(actor, input, meta);
  return {
    status: "success",
    message: `We sent a confirmation link to ${to}. Open it within 15 minutes to finish the change; until then nothing changes.`,
  };
});

/** Newsletter on or off. */
export const saveNewsletter = buyerAction(ZNewsletterChoice, async ({ actor, input, meta }) => {
  await setNewsletter(actor, input, meta);
  revalidatePath("/account");
  return {
    status: "success",
    message: input.subscribed ? "You are subscribed to the newsletter." : "You are unsubscribed from the newsletter.",
  };
});

/** Ends one session (another browser) or, with "others", all others. */
export const endSession = buyerAction(ZEndSession, async ({ actor, input, meta }) => {
  if (input.sessionId === "others") {
    const ended = await endOtherBuyerSessions(actor, meta);
    revalidatePath("/account");
    return {
      status: "success",
      message: ended === 0 ? "No other session was open." : `Ended ${ended} other session${ended === 1 ? "" : "s"}.`,
    };
  }
  await endBuyerSession(actor, input, meta);
  revalidatePath("/account");
  return { status: "success", message: "The session has ended." };
});

/** Asks for erasure (lib refuses unless the confirmation is ticked) or withdraws the request. */
export const erasure = buyerAction(ZBuyerErasureForm, async ({ actor, input, meta }) => {
  if (input.intent === "cancel") {
    await cancelErasure(actor, meta);
    revalidatePath("/account");
    return { status: "success", message: "Your erasure request is withdrawn. Nothing was erased." };
  }
  await requestErasure(actor, input, meta);
  revalidatePath("/account");
  return {
    status: "success",
    message: "Your request is with our team. We will e-mail you when your data has been erased.",
  };
});
