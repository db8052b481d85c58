import "server-only";
import { z } from "zod";

const ZRowId = z
  .string()
  .trim()
  .min(1, "Missing id")
  .max(64, "Invalid id")
  .regex(/^[\w-]+$/, "Invalid id");

/** Which file of which order item a buyer wants a download link for. */
export const ZDownloadLinkRequest = z.object({
  orderItemId: ZRowId,
  productFileId: ZRowId,
});
export type TDownloadLinkRequest = z.infer<typeof ZDownloadLinkRequest>;

/** Why a download link does not work; the `/downloads/unavailable` page explains each. */
export const DOWNLOAD_FAILURES = ["invalid", "expired", "exhausted", "revoked", "withdrawn", "missing"] as const;
export type TDownloadFailure = (typeof DOWNLOAD_FAILURES)[number];
