"use server";
import { headers } from "next/headers";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireBuyer } from "@/lib/auth/guards";
import { formAction, type TFormState } from "@/lib/http/form-action";
import { clientIp, userAgentOf } from "@/lib/http/client-info";
import { updateAccountDetails } from "@/lib/accounts/update-account-details";
import { requestEmailChange } from "@/lib/accounts/request-email-change";
import { endBuyerSession, endOtherBuyerSessions } from "@/lib/accounts/end-sessions";
import { setNewsletter } from "@/lib/newsletter/set-newsletter";
import { cancelErasure, requestErasure } from "@/lib/privacy/request-erasure";

async function who() {
  const buyer = await requireBuyer();
  const h = await headers();
  return { buyer, ip: clientIp(h), userAgent: userAgentOf(h) };
}

const ZAny = z.object({}).loose();

/** Saves name, postal address and phone (validated and normalised in lib). */
export const saveDetails = formAction(ZAny, async (values): Promise<TFormState> => {
  const { changed } = await updateAccountDetails({ ...(await who()), values });
  revalidatePath("/account");
  return {
    status: "success",
    message: changed.length === 0 ? "Nothing to save: your details are unchanged." : "Your details are saved.",
  };
});

/** Mails a confirmation link to the new address. */
export const changeEmail = formAction(ZAny, async (values): Promise<TFormState> => {
  const { to } = await requestEmailChange({ ...(await who()), email: values.email });
  return {
    status: "success",
    message: `We sent a confirmation link to ${to}. Open it within 15 minutes to finish the change; until then nothing changes.`,
  };
});

/** Newsletter on or off. */
export const saveNewsletter = formAction(
  z.object({ subscribed: z.enum(["yes", "no"]) }),
  async ({ subscribed }): Promise<TFormState> => {
    await setNewsletter({ ...(await who()), subscribed: subscribed === "yes" });
    revalidatePath("/account");
    return {
      status: "success",
      message:
        subscribed === "yes" ? "You are subscribed to the newsletter." : "You are unsubscribed from the newsletter.",
    };
  },
);

/** Ends one session (another browser) or all others. */
export const endSession = formAction(
  z.object({ sessionId: z.string().max(64) }),
  async ({ sessionId }): Promise<TFormState> => {
    const context = await who();
    if (sessionId === "others") {
      const ended = await endOtherBuyerSessions(context);
      revalidatePath("/account");
      return {
        status: "success",
        message: ended === 0 ? "No other session was open." : `Ended ${ended} other session${ended === 1 ? "" : "s"}.`,
      };
    }
    await endBuyerSession({ ...context, sessionId });
    revalidatePath("/account");
    return { status: "success", message: "The session has ended." };
  },
);

/** Asks for erasure (after the buyer ticked the confirmation) or withdraws the request. */
export const erasure = formAction(
  z.object({ intent: z.enum(["request", "cancel"]), confirm: z.string().optional() }),
  async ({ intent, confirm }): Promise<TFormState> => {
    const context = await who();
    if (intent === "cancel") {
      await cancelErasure(context);
      revalidatePath("/account");
      return { status: "success", message: "Your erasure request is withdrawn. Nothing was erased." };
    }
    if (confirm !== "yes")
      return {
        status: "error",
        message: "Tick the box to confirm that you understand what erasure means.",
        fieldErrors: { confirm: ["Tick this box to continue"] },
      };
    await requestErasure(context);
    revalidatePath("/account");
    return {
      status: "success",
      message: "Your request is with our team. We will e-mail you when your data has been erased.",
    };
  },
);
