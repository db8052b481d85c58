import "server-only";

// ISO 3166-1 alpha-2 codes of the countries and territories a postal address can be in; their
// English names come from Intl.DisplayNames, so the list needs no hand-written translations.
const CODES =
  "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ " +
  "CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR " +
  "GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO " +
  "JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR " +
  "MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO " +
  "RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV " +
  "TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS XK YE YT ZA ZM ZW";

export const COUNTRY_CODES: readonly string[] = CODES.split(" ");
const CODE_SET = new Set(COUNTRY_CODES);

const names = new Intl.DisplayNames(["en"], { type: "region" });

/** The English name of a country code ("DE" → "Germany"). */
export function countryName(code: string): string {
  return names.of(code) ?? code;
}

/** True for a known ISO 3166-1 alpha-2 code (upper case). */
export function isCountryCode(code: string): boolean {
  return CODE_SET.has(code);
}

/** Every country as { value: code, label: name in `locale` }, sorted by that name, for a select. */
export function countryOptions(locale = "en"): { value: string; label: string }[] {
  const local = locale === "en" ? names : new Intl.DisplayNames([locale], { type: "region" });
  return COUNTRY_CODES.map((code) => ({ value: code, label: local.of(code) ?? code })).sort((a, b) =>
    a.label.localeCompare(b.label, locale),
  );
}

/**
 * The code for what a store sent as "country" — a code ("de") or an English name ("Germany") —
 * or null when it is neither (the buyer then picks it again).
 */
export function toCountryCode(value: string | null | undefined): string | null {
  if (!value) return null;
  const upper = value.trim().toUpperCase();
  if (upper === "UK") return "GB";
  if (CODE_SET.has(upper)) return upper;
  const lower = value.trim().toLowerCase();
  return COUNTRY_CODES.find((code) => countryName(code).toLowerCase() === lower) ?? null;
}

// Postal code formats of the countries most buyers come from (checked after trimming; letters are
// compared in upper case). Countries not listed accept any 2–12 letters, digits, spaces or dashes.
const POSTAL_CODES: Record<string, { pattern: RegExp; example: string }> = {
  US: { pattern: /^\d{5}(-\d{4})?$/, example: "94103 or 94103-1234" },
  GB: { pattern: /^(GIR ?0AA|[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2})$/, example: "SW1A 1AA" },
  DE: { pattern: /^\d{5}$/, example: "10115" },
  FR: { pattern: /^\d{5}$/, example: "75001" },
  NL: { pattern: /^\d{4} ?[A-Z]{2}$/, example: "1012 AB" },
  BE: { pattern: /^\d{4}$/, example: "1000" },
  LU: { pattern: /^(L-)?\d{4}$/, example: "1009" },
  CA: { pattern: /^[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z] ?\d[ABCEGHJ-NPRSTV-Z]\d$/, example: "K1A 0B1" },
  AU: { pattern: /^\d{4}$/, example: "2000" },
  NZ: { pattern: /^\d{4}$/, example: "6011" },
  IT: { pattern: /^\d{5}$/, example: "00184" },
  ES: { pattern: /^(0[1-9]|[1-4]\d|5[0-2])\d{3}$/, example: "28013" },
  PT: { pattern: /^\d{4}-\d{3}$/, example: "1100-148" },
  AT: { pattern: /^\d{4}$/, example: "1010" },
  CH: { pattern: /^\d{4}$/, example: "8001" },
  LI: { pattern: /^\d{4}$/, example: "9490" },
  SE: { pattern: /^\d{3} ?\d{2}$/, example: "114 55" },
  NO: { pattern: /^\d{4}$/, example: "0150" },
  DK: { pattern: /^\d{4}$/, example: "1050" },
  FI: { pattern: /^\d{5}$/, example: "00100" },
  IE: { pattern: /^[A-Z]\d[\dW] ?[A-Z\d]{4}$/, example: "D02 X285" },
  PL: { pattern: /^\d{2}-\d{3}$/, example: "00-950" },
  CZ: { pattern: /^\d{3} ?\d{2}$/, example: "110 00" },
  JP: { pattern: /^\d{3}-?\d{4}$/, example: "100-0001" },
  BR: { pattern: /^\d{5}-?\d{3}$/, example: "01310-200" },
  IN: { pattern: /^[1-9]\d{5}$/, example: "110001" },
};

const GENERIC_POSTAL_CODE = /^[A-Z0-9][A-Z0-9 -]{0,10}[A-Z0-9]$/;

/** Checks a postal code against its country's format; returns an error message or null. */
export function postalCodeError(country: string, postalCode: string): string | null {
  const value = postalCode.trim().toUpperCase();
  const rule = POSTAL_CODES[country];
  if (rule)
    return rule.pattern.test(value)
      ? null
      : `Enter a postal code in the format used in ${countryName(country)}, e.g. ${rule.example}`;
  return GENERIC_POSTAL_CODE.test(value) ? null : "Enter a valid postal code";
}

/** The postal code as stored: trimmed, upper case, single spaces. */
export function normalizePostalCode(postalCode: string): string {
  return postalCode.trim().toUpperCase().replace(/\s+/g, " ");
}
