"use server";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { currentBuyer } from "@/lib/auth/guards";
import { clientIp, userAgentOf } from "@/lib/http/client-info";
import { formAction, type TFormState } from "@/lib/http/form-action";
import { createPowChallenge, type TPowChallenge } from "@/lib/pow/create-pow-challenge";
import { createBuyerTicket } from "@/lib/tickets/create-buyer-ticket";
import { createGuestTicket } from "@/lib/tickets/create-guest-ticket";

/** A fresh proof-of-work puzzle for the guest form's widget. */
export async function getPowChallenge(): Promise<TPowChallenge> {
  return Promise.resolve(createPowChallenge());
}

function filesOf(formData: FormData): File[] {
  return formData.getAll("attachments").filter((v): v is File => typeof v !== "string");
}

/**
 * The support form. A signed-in buyer's ticket is confirmed at once and opens in the portal; a
 * guest's is saved unconfirmed and the page asks them to confirm from the mail. The lib use cases
 * validate every field (the schema here only takes the form apart).
 */
export const openTicket = formAction(
  z.record(z.string(), z.unknown()),
  async (values, formData): Promise<TFormState | void> => {
    const requestHeaders = await headers();
    const ip = clientIp(requestHeaders);
    const userAgent = userAgentOf(requestHeaders);
    const buyer = await currentBuyer();
    if (buyer) {
      const created = await createBuyerTicket({ buyer, values, files: filesOf(formData), ip, userAgent });
      redirect(`/support/${created.ref}?created=1${created.redacted ? `&redacted=${created.redacted}` : ""}`);
    }
    const { pow, website, ...fields } = values;
    const created = await createGuestTicket({
      values: fields,
      channel: "form",
      honeypot: website,
      pow,
      files: filesOf(formData),
      ip,
      userAgent,
    });
    return {
      status: "success",
      data: {
        ref: created.ref,
        redacted: String(created.redacted),
        email: typeof fields.email === "string" ? fields.email.trim().toLowerCase() : "",
      },
    };
  },
);
