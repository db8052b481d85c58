"use server";
import { headers } from "next/headers";
import { z } from "zod";
import { requestSignInLink } from "@/lib/buyers/request-sign-in-link";
import { suggestEmailCorrection } from "@/lib/buyers/email-address";
import { clientIp } from "@/lib/http/client-info";
import { formAction, type TFormState } from "@/lib/http/form-action";

const ZForm = z.object({
  email: z.string().max(400),
  /** Set by "Yes, use …" on the did-you-mean prompt. */
  suggested: z.string().max(400).optional(),
  /** Set by "No, send to …": keep the address as typed. */
  confirmed: z.enum(["yes"]).optional(),
});

/**
 * "Find my orders". A likely typo in a common domain is offered back before anything is sent;
 * otherwise the look-up is queued and the page says the same thing for every address.
 */
export const findMyOrders = formAction(ZForm, async ({ email, suggested, confirmed }): Promise<TFormState> => {
  const trimmed = (suggested ?? email).trim();
  const suggestion = confirmed || suggested ? null : suggestEmailCorrection(trimmed.toLowerCase());
  if (suggestion) return { status: "idle", data: { suggestion }, values: { email: trimmed } };
  await requestSignInLink({ email: trimmed, ip: clientIp(await headers()) });
  return { status: "success", data: { sentTo: trimmed.toLowerCase() } };
});
