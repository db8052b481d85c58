// Formatting shared by every page, so amounts and dates look the same everywhere. The language is
// the page's (buyer pages pass next-intl's locale; the console is English) and the time zone fixed:
// the server and the browser must print the same text (no hydration mismatch).
const ENGLISH = "en-GB";

/** The Intl locale for a page language: British English for "en" (day month year), else the tag itself. */
function intlLocale(locale: string | undefined): string {
  return !locale || locale === "en" ? ENGLISH : locale;
}

// Building an Intl formatter costs far more than using one (≈ 0.8 ms for a date-time format here, so a
// 100-row inbox spent most of its render on it): each is built once per language and options. The
// keys are few (languages × currencies × time zones); the cap only guards against the unexpected.
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.ListFormat>();

function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat | Intl.ListFormat>(key: string, build: () => T): T {
  let format = formatters.get(key) as T | undefined;
  if (!format) {
    if (formatters.size >= 1_000) formatters.clear();
    format = build();
    formatters.set(key, format);
  }
  return format;
}

const DATE_TIME: Intl.DateTimeFormatOptions = {
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  timeZoneName: "short",
};

/** Money from integer minor units: formatMoney(4900, "EUR") → "€49.00". */
export function formatMoney(amountMinor: number, currency: string, locale?: string): string {
  const tag = intlLocale(locale);
  const format = cached(`money|${tag}|${currency}`, () => new Intl.NumberFormat(tag, { style: "currency", currency }));
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(amountMinor / 10 ** digits);
}

/** A date: "1 Nov 2026". */
export function formatDate(value: Date | string, timeZone = "UTC", locale?: string): string {
  const tag = intlLocale(locale);
  const format = cached(
    `date|${tag}|${timeZone}`,
    () => new Intl.DateTimeFormat(tag, { dateStyle: "medium", timeZone }),
  );
  return format.format(new Date(value));
}

/** A date and time with its zone: "1 Nov 2026, 10:00 UTC". */
export function formatDateTime(value: Date | string, timeZone = "UTC", locale?: string): string {
  const tag = intlLocale(locale);
  const format = cached(`dateTime|${tag}|${timeZone}`, () => new Intl.DateTimeFormat(tag, { ...DATE_TIME, timeZone }));
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
  const tag = intlLocale(locale);
  const number = cached(
    `bytes|${tag}|${digits}`,
    () => new Intl.NumberFormat(tag, { maximumFractionDigits: digits, minimumFractionDigits: digits }),
  );
  return `${number.format(value)} ${units[unit]}`;
}

/** "A, B or C" in the page's language. */
export function formatOrList(items: readonly string[], locale?: string): string {
  const tag = intlLocale(locale);
  return cached(`orList|${tag}`, () => new Intl.ListFormat(tag, { type: "disjunction" })).format(items);
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
