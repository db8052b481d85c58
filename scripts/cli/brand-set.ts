import fs from "node:fs";
import { parseArgs } from "node:util";
import { AppError, parseOrThrow } from "@/lib/errors";
import { systemMeta } from "@/lib/http/request-meta";
import { ZBrandFields } from "@/lib/branding/schemas";
import { updateBrand } from "@/lib/branding/update-brand";
import { LOGO_MAX_BYTES } from "@/lib/branding/logo-image";
import { prepareDatabase } from "@/lib/system/prepare-database";
import { printBrand } from "./brand-show";
import { CLI_ACTOR } from "@/lib/auth/assert-operator";

const USAGE =
  'Usage: npm run keydesk -- brand:set [--name N] [--color #RRGGBB] [--logo FILE.png|FILE.webp | --no-logo] [--support-email E] [--privacy-url U] [--terms-url U] [--imprint-url U] [--company "legal name and address"] [--powered-by | --no-powered-by]   (an empty value "" clears an option)';

/** brand:set — changes the vendor's brand; options left out keep their value. */
export async function run(args: string[]): Promise<void> {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args,
      options: {
        name: { type: "string" },
        color: { type: "string" },
        logo: { type: "string" },
        "no-logo": { type: "boolean" },
        "support-email": { type: "string" },
        "privacy-url": { type: "string" },
        "terms-url": { type: "string" },
        "imprint-url": { type: "string" },
        company: { type: "string" },
        "powered-by": { type: "boolean" },
        "no-powered-by": { type: "boolean" },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    throw new AppError("invalid_input", `${error instanceof Error ? error.message : "Bad arguments"}. ${USAGE}`);
  }
  if (Object.keys(values).length === 0) throw new AppError("invalid_input", USAGE);
  if (values["powered-by"] && values["no-powered-by"])
    throw new AppError("invalid_input", "Give --powered-by or --no-powered-by, not both.");
  if (values.logo !== undefined && values["no-logo"])
    throw new AppError("invalid_input", "Give --logo or --no-logo, not both.");
  const fields = asOptions(() =>
    parseOrThrow(ZBrandFields, {
      name: values.name,
      primaryColor: values.color,
      supportEmail: values["support-email"],
      privacyUrl: values["privacy-url"],
      termsUrl: values["terms-url"],
      imprintUrl: values["imprint-url"],
      company: values.company,
      poweredBy: values["powered-by"] ? true : values["no-powered-by"] ? false : undefined,
      removeLogo: values["no-logo"] ? true : undefined,
    }),
  );
  const logo = typeof values.logo === "string" ? readLogo(values.logo) : undefined;
  await prepareDatabase();
  const brand = await asOptions(() => updateBrand(CLI_ACTOR, { ...fields, ...(logo ? { logo } : {}) }, systemMeta()));
  console.log("Brand saved (other instances pick it up within a few seconds):");
  printBrand(brand);
}

const OPTION_OF: Record<string, string> = {
  name: "--name",
  primaryColor: "--color",
  logo: "--logo",
  supportEmail: "--support-email",
  privacyUrl: "--privacy-url",
  termsUrl: "--terms-url",
  imprintUrl: "--imprint-url",
  company: "--company",
};

/** Names the command-line options in field errors ("--color: …" rather than "primaryColor: …"). */
function asOptions<T>(work: () => T): T {
  const rename = (error: unknown): never => {
    if (error instanceof AppError && error.fieldErrors) {
      const fieldErrors = Object.fromEntries(
        Object.entries(error.fieldErrors).map(([key, messages]) => [OPTION_OF[key] ?? key, messages]),
      );
      throw new AppError(error.code, "Brand not saved.", { fieldErrors });
    }
    throw error;
  };
  try {
    const result = work();
    return (result instanceof Promise ? result.catch(rename) : result) as T;
  } catch (error) {
    return rename(error);
  }
}

function readLogo(file: string): Uint8Array {
  let size: number;
  try {
    size = fs.statSync(file).size;
  } catch {
    throw new AppError("invalid_input", `--logo: cannot read ${file}.`);
  }
  // Refused before reading a huge file into memory; updateBrand checks the bytes themselves.
  if (size > LOGO_MAX_BYTES)
    throw new AppError(
      "invalid_input",
      `--logo: the file is ${Math.ceil(size / 1024)} KB; the limit is ${LOGO_MAX_BYTES / 1024} KB.`,
    );
  return fs.readFileSync(file);
}
