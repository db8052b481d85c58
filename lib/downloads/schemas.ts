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
/** The `?reason=` of the unavailable page; anything else reads as "invalid". */
export const ZDownloadFailure = z.enum(DOWNLOAD_FAILURES).catch("invalid");

/** A request for a file by its download link, as the `/download/[token]` route hands it on. */
export interface TServeDownloadInput {
  token: string;
  /** HEAD reads and counts nothing. */
  method: "GET" | "HEAD";
  /** The `Range` header, if any. */
  range: string | null;
  /** The `If-Range` header, if any. */
  ifRange: string | null;
}
