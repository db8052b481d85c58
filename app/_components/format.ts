// Formatting shared by every page, so amounts and dates look the same everywhere. The language is
// the page's (buyer pages pass next-intl's locale; the console is English) and the time zone fixed:
// the server and the browser must print the same text (no hydration mismatch).
const ENGLISH = "en-GB";

/** The Intl locale for a page language: British English for "en" (day month year), else the tag itself. */
function intlLocale(locale: string | undefined): string {
  return !locale || locale === "en" ? ENGLISH : locale;
}

/** Money from integer minor units: formatMoney(4900, "EUR") → "€49.00". */
export function formatMoney(amountMinor: number, currency: string, locale?: string): string {
  const format = new Intl.NumberFormat(intlLocale(locale), { style: "currency", currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(amountMinor / 10 ** digits);
}

/** A date: "1 Nov 2026". */
export function formatDate(value: Date | string, timeZone = "UTC", locale?: string): string {
  return new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: "medium", timeZone }).format(new Date(value));
}

/** A date and time with its zone: "1 Nov 2026, 10:00 UTC". */
export function formatDateTime(value: Date | string, timeZone = "UTC", locale?: string): string {
  const format = new Intl.DateTimeFormat(intlLocale(locale), {
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZone,
    timeZoneName: "short",
  });
  return format.format(new Date(value));
}

/** File sizes: 88080384 → "84 MB". */
export function formatBytes(bytes: number, locale?: string): string {
  const units = ["bytes", "KB", "MB", "GB", "TB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 ? 0 : value < 10 ? 1 : 0;
  const number = new Intl.NumberFormat(intlLocale(locale), {
    maximumFractionDigits: digits,
    minimumFractionDigits: digits,
  });
  return `${number.format(value)} ${units[unit]}`;
}

/** "A, B or C" in the page's language. */
export function formatOrList(items: readonly string[], locale?: string): string {
  return new Intl.ListFormat(intlLocale(locale), { type: "disjunction" }).format(items);
}

/** The formatters bound to one page language: `const f = formatterFor(await getLocale())`. */
export function formatterFor(locale: string) {
  return {
    money: (amountMinor: number, currency: string) => formatMoney(amountMinor, currency, locale),
    date: (value: Date | string) => formatDate(value, "UTC", locale),
    dateTime: (value: Date | string) => formatDateTime(value, "UTC", locale),
    bytes: (bytes: number) => formatBytes(bytes, locale),
  };
}
