"use server";
import { buyerAction } from "@/lib/http/actions";
import { ZRevealKey } from "@/lib/licenses/schemas";
import { revealLicenseKey } from "@/lib/licenses/reveal-license-key";
import { ZDownloadLinkRequest } from "@/lib/downloads/schemas";
import { createDownloadLink } from "@/lib/downloads/create-download-link";

/** Reveals one of the signed-in buyer's licence keys (ownership and the audit event are in lib). */
export const revealKey = buyerAction.call(ZRevealKey, async ({ actor, input, meta }) => {
  const { value } = await revealLicenseKey(actor, input, meta);
  return value;
});

/** Mints a fresh download link for one file of the signed-in buyer's order item; answers its URL. */
export const requestDownloadLink = buyerAction.call(ZDownloadLinkRequest, async ({ actor, input, meta }) => {
  const { url } = await createDownloadLink(actor, input, meta);
  return url;
});
