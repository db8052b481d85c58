import { brandLogoPath, getBrand, type TBrand } from "@/lib/branding/brand";
import { prepareDatabase } from "@/lib/system/prepare-database";

/** Prints a brand, one "field: value" line each ("-" for not set). */
export function printBrand(brand: TBrand): void {
  const rows: [string, string | null][] = [
    ["name", brand.name],
    ["color", brand.primaryColor],
    ["logo", brand.logo ? `${brandLogoPath(brand)} (${brand.logo.width}×${brand.logo.height})` : null],
    ["support-email", brand.supportEmail],
    ["privacy-url", brand.privacyUrl],
    ["terms-url", brand.termsUrl],
    ["imprint-url", brand.imprintUrl],
    ["company", brand.company],
    ["powered-by", brand.poweredBy ? "shown" : "hidden"],
  ];
  for (const [key, value] of rows) console.log(`${key}: ${value ?? "-"}`);
}

/** brand:show — prints the brand in effect (defaults for what is not set). */
export async function run(): Promise<void> {
  await prepareDatabase();
  printBrand(await getBrand());
}
