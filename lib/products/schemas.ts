import "server-only";
import { z } from "zod";

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
