"use server";
import { headers } from "next/headers";
import { z } from "zod";
import { AuthError, CredentialsSignin } from "next-auth";
import { signIn } from "@/lib/auth/next-auth";
import { clientIp } from "@/lib/http/client-info";
import { formAction, type TFormState } from "@/lib/http/form-action";
import { describeTicketLink, TICKET_LINK_MESSAGES } from "@/lib/tickets/redeem-ticket-link";
import { requestTicketLink } from "@/lib/tickets/request-ticket-link";

/** The confirm button of a ticket link: only this POST uses the link (mail scanners only GET). */
export const openWithTicketLink = formAction(
  z.object({ token: z.string().max(200) }),
  async ({ token }): Promise<TFormState | void> => {
    const { ref } = await describeTicketLink(token);
    try {
      await signIn("ticket-link", { token, redirectTo: ref ? `/support/${ref}` : "/support" });
    } catch (error) {
      if (error instanceof CredentialsSignin)
        return { status: "error", message: error.code || TICKET_LINK_MESSAGES.unknown };
      if (error instanceof AuthError) return { status: "error", message: TICKET_LINK_MESSAGES.unknown };
      throw error;
    }
  },
);

/** "Send me a new link": the same answer whether or not the reference and address match. */
export const askForTicketLink = formAction(
  z.object({ ref: z.string().max(40), email: z.string().max(400) }),
  async (values): Promise<TFormState> => {
    await requestTicketLink({ values, ip: clientIp(await headers()) });
    return { status: "success" };
  },
);
