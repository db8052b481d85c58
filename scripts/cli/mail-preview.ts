import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { AppError } from "@/lib/errors";
import { getBrand } from "@/lib/branding/brand";
import { isLocale, LOCALES, type TLocale } from "@/lib/i18n/locales";
import { mailContext } from "@/lib/mail/mail-context";
import { renderBrandedMail } from "@/lib/mail/render";
import { MAIL_PREVIEWS, previewName } from "@/lib/mail/previews";

const USAGE = "Usage: npm run keydesk -- mail:preview [--kind K|all] [--locale L|all] [--out DIR]";

/**
 * mail:preview — writes every buyer mail (or the chosen kind/language) under the brand in effect,
 * with sample values, as .html and .txt files, and prints where. Open the .html in a browser.
 */
export async function run(args: string[]): Promise<void> {
  let values: { kind?: string; locale?: string; out?: string };
  try {
    values = parseArgs({
      args,
      options: { kind: { type: "string" }, locale: { type: "string" }, out: { type: "string" } },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    throw new AppError("invalid_input", `${error instanceof Error ? error.message : "Bad arguments"}. ${USAGE}`);
  }
  const kinds = !values.kind || values.kind === "all" ? Object.keys(MAIL_PREVIEWS) : [values.kind];
  for (const kind of kinds) {
    if (!MAIL_PREVIEWS[kind]) {
      throw new AppError(
        "invalid_input",
        `Unknown mail kind "${kind}". Kinds: ${Object.keys(MAIL_PREVIEWS).join(", ")}`,
      );
    }
  }
  const locale = values.locale ?? "all";
  if (locale !== "all" && !isLocale(locale)) {
    throw new AppError("invalid_input", `Unknown language "${locale}". Languages: ${LOCALES.join(", ")}`);
  }
  const locales: readonly TLocale[] = locale === "all" ? LOCALES : [locale];
  const dir = values.out ? path.resolve(values.out) : fs.mkdtempSync(path.join(os.tmpdir(), "keydesk-mail-"));
  fs.mkdirSync(dir, { recursive: true });
  const brand = await getBrand();
  for (const kind of kinds) {
    for (const l of locales) {
      const mail = renderBrandedMail(mailContext(l, brand), MAIL_PREVIEWS[kind]!);
      const base = path.join(dir, previewName(kind, l));
      fs.writeFileSync(`${base}.html`, mail.html);
      fs.writeFileSync(`${base}.txt`, `From: ${mail.fromName}\nSubject: ${mail.subject}\n\n${mail.text}`);
    }
  }
  console.log(`Wrote ${kinds.length * locales.length} mails (.html and .txt) to ${dir}`);
}
