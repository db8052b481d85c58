import "server-only";
import { MalformedDeliveryError } from "@/lib/stores/types";

// Money arrives as decimal strings ("19.99"), JSON numbers (FastSpring's 19.99) or integers of
// minor units (Stripe, Paddle, Polar, Lemon Squeezy). Keydesk stores minor units of the order's
// currency, so the number of decimals comes from the currency (ISO 4217 via Intl): JPY has none,
// KWD three. Decimal text is split on the dot and never goes through a float.

const digitsCache = new Map<string, number>();

/** Upper-case ISO 4217 code, or a MalformedDeliveryError for anything else. */
export function currencyCode(value: string): string {
  const code = value.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(code)) throw new MalformedDeliveryError(`Unknown currency "${value}"`);
  return code;
}

/** How many decimals the currency's minor unit has (JPY 0, EUR 2, KWD 3). */
export function currencyDigits(currency: string): number {
  const code = currencyCode(currency);
  const cached = digitsCache.get(code);
  if (cached !== undefined) return cached;
  let digits: number;
  try {
    digits =
      new Intl.NumberFormat("en", { style: "currency", currency: code }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    throw new MalformedDeliveryError(`Unknown currency "${value(currency)}"`);
  }
  digitsCache.set(code, digits);
  return digits;
}

function value(text: string): string {
  return text.length > 12 ? `${text.slice(0, 12)}…` : text;
}

/**
 * A decimal amount in major units ("19.99", 19.99, "1000", "0.125") → integer minor units of
 * `currency`, exactly. More decimals than the currency has are accepted only when they are zeros
 * ("1000.00" JPY); anything else cannot be represented and is refused rather than rounded.
 */
export function decimalToMinor(amount: string | number, currency: string): number {
  const digits = currencyDigits(currency);
  // String(19.99) is "19.99": JavaScript prints the shortest text that reads back as the same
  // double, which is the decimal the provider wrote (for amounts of up to 15 significant digits).
  const text = typeof amount === "number" ? String(amount) : amount.trim();
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) throw new MalformedDeliveryError(`Not a decimal amount: "${value(text)}"`);
  const [, sign, whole = "0", fraction = ""] = match;
  const kept = fraction.slice(0, digits).padEnd(digits, "0");
  if (/[^0]/.test(fraction.slice(digits))) {
    throw new MalformedDeliveryError(`${text} ${currency.toUpperCase()} has more decimals than the currency allows`);
  }
  const minor = Number(`${whole}${kept}`);
  if (!Number.isSafeInteger(minor)) throw new MalformedDeliveryError(`Amount out of range: ${value(text)}`);
  return sign === "-" ? -minor : minor;
}

/** An amount that is already in minor units, as an integer or integer text ("1999"). */
export function minorUnits(amount: string | number): number {
  const text = typeof amount === "number" ? String(amount) : amount.trim();
  if (!/^-?\d+$/.test(text)) throw new MalformedDeliveryError(`Not a whole number of minor units: "${value(text)}"`);
  const minor = Number(text);
  if (!Number.isSafeInteger(minor)) throw new MalformedDeliveryError(`Amount out of range: ${value(text)}`);
  return minor;
}

/** Splits a line total over its quantity; an uneven split keeps the exact total on the line. */
export function unitAmountOf(lineTotal: number, quantity: number): number {
  return quantity > 0 ? Math.round(lineTotal / quantity) : lineTotal;
}
