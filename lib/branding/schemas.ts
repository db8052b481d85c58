import { z } from "zod";
import { zCheckbox } from "@/lib/http/form-fields";
import { LOGO_MAX_BYTES } from "@/lib/branding/logo-image";

// What an admin sends to change the brand. Absent fields keep what is stored (`brand:set --color`
// changes only the colour); an empty string clears an optional field (the name, a URL, the support
// address, the company line).

const clearable = <T extends z.ZodType<string>>(schema: T) => z.union([z.literal(""), schema]).optional();

const ZPublicUrl = z
  .string()
  .trim()
  .max(500, "Use at most 500 characters.")
  .pipe(z.url({ protocol: /^https?$/, error: "Enter a full address starting with https:// (or http://)." }));

/** The fields of a brand change shared by the console form and `brand:set`. */
export const ZBrandFields = z.object({
  // Empty: no name of your own — buyers read "Customer Support" in their language (lib/branding/brand-name.ts).
  name: clearable(z.string().trim().min(1, "Enter the name buyers know you by.").max(80, "Use at most 80 characters.")),
  primaryColor: z
    .string()
    .trim()
    .regex(/^#[0-9a-fA-F]{6}$/, "Enter a colour as #RRGGBB, e.g. #1d4ed8.")
    .transform((v) => v.toLowerCase())
    .optional(),
  supportEmail: clearable(z.string().trim().max(254).pipe(z.email("Enter an e-mail address like help@example.com."))),
  privacyUrl: clearable(ZPublicUrl),
  termsUrl: clearable(ZPublicUrl),
  imprintUrl: clearable(ZPublicUrl),
  company: clearable(z.string().trim().max(400, "Use at most 400 characters.")),
  poweredBy: z.boolean().optional(),
  removeLogo: z.boolean().optional(),
});

/** A brand change as the use case takes it: the fields plus the logo's bytes, if one is uploaded. */
export type TBrandInput = z.infer<typeof ZBrandFields> & { logo?: Uint8Array };

/** The console form: every field present (a full update), the logo as an optional file upload. */
export const ZBrandForm = ZBrandFields.extend({
  name: ZBrandFields.shape.name.default(""),
  primaryColor: ZBrandFields.shape.primaryColor.unwrap(),
  supportEmail: ZBrandFields.shape.supportEmail.default(""),
  privacyUrl: ZBrandFields.shape.privacyUrl.default(""),
  termsUrl: ZBrandFields.shape.termsUrl.default(""),
  imprintUrl: ZBrandFields.shape.imprintUrl.default(""),
  company: ZBrandFields.shape.company.default(""),
  poweredBy: zCheckbox,
  removeLogo: zCheckbox,
  logo: z
    .instanceof(File)
    .optional()
    .transform((file) => (file && file.size > 0 ? file : undefined))
    .refine((file) => !file || file.size <= LOGO_MAX_BYTES, `The logo must be at most ${LOGO_MAX_BYTES / 1024} KB.`),
});
export type TBrandForm = z.infer<typeof ZBrandForm>;
