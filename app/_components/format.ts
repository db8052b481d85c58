// Formatting shared by every page, so amounts and dates look the same everywhere. Fixed locale and
// time zone: the server and the browser must print the same text (no hydration mismatch).
const LOCALE = "en-GB";

/** Money from integer minor units: formatMoney(4900, "EUR") → "€49.00". */
export function formatMoney(amountMinor: number, currency: string): string {
  const format = new Intl.NumberFormat(LOCALE, { style: "currency", currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(amountMinor / 10 ** digits);
}

/** A date: "1 Nov 2026". */
export function formatDate(value: Date | string, timeZone = "UTC"): string {
  return new Intl.DateTimeFormat(LOCALE, { dateStyle: "medium", timeZone }).format(new Date(value));
}

/** A date and time with its zone: "1 Nov 2026, 10:00 UTC". */
export function formatDateTime(value: Date | string, timeZone = "UTC"): string {
  const format = new Intl.DateTimeFormat(LOCALE, {
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
export function formatBytes(bytes: number): string {
  const units = ["bytes", "KB", "MB", "GB", "TB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${unit === 0 ? value : value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}
