"use server";
import { headers } from "next/headers";
import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import { requireBuyer } from "@/lib/auth/guards";
import { createDownloadLink } from "@/lib/downloads/create-download-link";
import { isAppError } from "@/lib/errors";
import { clientIp, userAgentOf } from "@/lib/http/client-info";
import { log } from "@/lib/log";

export type TDownloadLinkResult = { ok: true; url: string } | { ok: false; message: string };

const ZInput = z.object({ orderItemId: z.string().max(64), fileId: z.string().max(64) });

/** Mints a fresh download link for one file of the signed-in buyer's order item. */
export async function requestDownloadLink(input: {
  orderItemId: string;
  fileId: string;
}): Promise<TDownloadLinkResult> {
  const buyer = await requireBuyer();
  const parsed = ZInput.safeParse(input);
  if (!parsed.success) return { ok: false, message: "That download does not exist." };
  try {
    const requestHeaders = await headers();
    const link = await createDownloadLink({
      buyer,
      orderItemId: parsed.data.orderItemId,
      productFileId: parsed.data.fileId,
      ip: clientIp(requestHeaders),
      userAgent: userAgentOf(requestHeaders),
    });
    return { ok: true, url: link.url };
  } catch (error) {
    unstable_rethrow(error);
    if (isAppError(error)) return { ok: false, message: error.message };
    log.error("download link failed", { error });
    return { ok: false, message: "Something went wrong on our side. Please try again." };
  }
}
