import "server-only";
import { z } from "zod";

const ZId = z.string().min(1).max(64);

/** The version a file gets when none is given. */
export const DEFAULT_FILE_VERSION = "1.0";

const whole = (label: string, min: number, max: number) =>
  z.coerce
    .number({ error: `${label} must be a number.` })
    .int(`${label} must be a whole number.`)
    .min(min, `${label} must be at least ${min}.`)
    .max(max, `${label} must be at most ${max}.`);

/** What an admin may change on a product: refund window and download rules. */
export const ZProductSettings = z.object({
  refundWindowDays: whole("Refund window", 0, 365),
  downloadTtlHours: whole("Link lifetime", 1, 720),
  downloadLimit: whole("Downloads per link", 1, 100),
});
export type TProductSettings = z.infer<typeof ZProductSettings>;

/** The product settings form: which product, and its new settings (numbers arrive as strings). */
export const ZUpdateProductInput = ZProductSettings.extend({ productId: ZId });
export type TUpdateProductInput = z.infer<typeof ZUpdateProductInput>;

/** Withdraw a file from buyers (`active: "false"`) or offer it again (`"true"`). */
export const ZSetProductFileActiveInput = z.object({
  fileId: ZId,
  active: z.enum(["true", "false"]).transform((value) => value === "true"),
});
export type TSetProductFileActiveInput = z.infer<typeof ZSetProductFileActiveInput>;

/** A file name an upload may use: one path segment, printable, no leading dot. */
export const ZUploadFileName = z
  .string()
  .trim()
  .min(1, "The file needs a name.")
  .max(200, "The file name is too long (at most 200 characters).")
  .refine(
    (name) =>
      !/[\\/]/.test(name) &&
      ![...name].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f) &&
      !name.startsWith("."),
    "The file name may not contain slashes or control characters, or start with a dot.",
  );

/** A file version as `addProductFile` accepts it (checked before an upload is written to disk). */
export const ZFileVersion = z
  .string()
  .trim()
  .regex(/^[\w.+-]{1,40}$/, "The version may use letters, digits, dots, dashes, plus and underscores (at most 40).");

/** The upload route's query string: `?name=N&version=V` (no or an empty version: the default). */
export const ZUploadFileQuery = z.object({
  name: z.preprocess((value) => value ?? "", ZUploadFileName),
  version: z.preprocess((value) => (value === undefined || value === "" ? DEFAULT_FILE_VERSION : value), ZFileVersion),
});
export type TUploadFileQuery = z.infer<typeof ZUploadFileQuery>;

/** An upload as `uploadProductFile` receives it: the checked query, the declared length and the raw body. */
export interface TUploadProductFileInput extends TUploadFileQuery {
  productId: string;
  /** Content-Length; null when the request declared none (refused). */
  declaredSize: number | null;
  body: ReadableStream<Uint8Array> | null;
}
