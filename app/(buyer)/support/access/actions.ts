"use server";
import { AuthError, CredentialsSignin } from "next-auth";
import { getTranslations } from "next-intl/server";
import { signIn } from "@/lib/auth/next-auth";
import { publicAction } from "@/lib/http/actions";
import { linkStateOf } from "@/lib/i18n/failures";
import { describeTicketLink, TICKET_LINK_MESSAGES } from "@/lib/tickets/redeem-ticket-link";
import { requestTicketLink } from "@/lib/tickets/request-ticket-link";
import { ZTicketLinkRequest, ZTicketLinkToken } from "@/lib/tickets/schemas";

/**
 * The confirm button of a ticket link: only this POST uses the link (mail scanners only GET). The
 * "ticket-link" sign-in provider redeems it (lib/auth/next-auth.ts → `redeemTicketLink`).
 */
export const openWithTicketLink = publicAction(ZTicketLinkToken, async ({ input }) => {
  const { ref } = await describeTicketLink(input);
  try {
    await signIn("ticket-link", { token: input.token, redirectTo: ref ? `/support/${ref}` : "/support" });
  } catch (error) {
    // The refusal carries lib's English sentence for the link's state; the visitor reads its translation.
    const t = await getTranslations("support.access.link");
    if (error instanceof CredentialsSignin)
      return { status: "error", message: t(linkStateOf(TICKET_LINK_MESSAGES, error.code) ?? "unknown") };
    if (error instanceof AuthError) return { status: "error", message: t("unknown") };
    throw error;
  }
});

/** "Send me a new link": the same answer whether or not the reference and address match. */
export const askForTicketLink = publicAction(ZTicketLinkRequest, async ({ input, meta }) => {
  await requestTicketLink(input, meta);
  return { status: "success" };
});
