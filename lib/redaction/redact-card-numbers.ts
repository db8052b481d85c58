// Card numbers (PANs) pasted into free text are replaced before the text is stored (SPEC §3).
// No `server-only` here: the function is pure and the unit tests import it directly.

/**
 * What people put between the groups of a card number: spaces of every width (not line breaks),
 * tabs, dashes of every kind, dots, slashes, underscores, middle dots. Up to three in a row
 * ("4111 - 1111", "4111 . 1111").
 */
const SEPARATOR =
  "[ \\t\\u00a0\\u2000-\\u200b\\u202f\\u205f\\u3000._/\\-\\u2010-\\u2015\\u2212\\u30fb\\u00b7\\uff0d\\uff0e\\uff0f]";
/** Any decimal digit: ASCII, full-width (０-９), Arabic-Indic, Devanagari, … */
const DIGIT = "\\p{Nd}";
/** A run of digit groups joined by separators. */
const DIGIT_RUN = new RegExp(`${DIGIT}+(?:${SEPARATOR}{1,3}${DIGIT}+)*`, "gu");
const GROUP_SEPARATOR = new RegExp(`${SEPARATOR}+`, "u");
const GROUP_SEPARATORS = new RegExp(`${SEPARATOR}+`, "gu");
const NON_DIGIT = new RegExp(`[^${DIGIT}]`, "gu");
const IS_DIGIT = new RegExp(`^${DIGIT}$`, "u");

const MIN_PAN_DIGITS = 13;
const MAX_PAN_DIGITS = 19;
/** E.164: a phone number has at most 15 digits, country code included. */
const MAX_PHONE_DIGITS = 15;

export interface TRedaction {
  /** The text with every card number replaced by `[card ending 1234]`. */
  text: string;
  /** How many card numbers were replaced. */
  redacted: number;
}

/** True when a string of digits passes the Luhn check (the checksum of every card number). */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return digits.length > 0 && sum % 10 === 0;
}

/**
 * The ASCII digits of a run of Unicode decimal digits. Unicode encodes every set of decimal digits
 * as a contiguous 0–9 range, so a digit's value is its distance from the start of its range, mod 10
 * (several sets can follow each other, as the mathematical digits do).
 */
export function asciiDigits(text: string): string {
  let out = "";
  for (const ch of text.replace(NON_DIGIT, "")) {
    const code = ch.codePointAt(0) ?? 48;
    if (code >= 48 && code <= 57) {
      out += ch;
      continue;
    }
    let start = code;
    while (start > 0 && IS_DIGIT.test(String.fromCodePoint(start - 1))) start -= 1;
    out += String((code - start) % 10);
  }
  return out;
}

function isPan(digits: string): boolean {
  return digits.length >= MIN_PAN_DIGITS && digits.length <= MAX_PAN_DIGITS && passesLuhn(digits);
}

function label(digits: string): string {
  return `[card ending ${digits.slice(-4)}]`;
}

/**
 * Finds card numbers inside one run of digit groups. The whole run counts when it is 13–19 digits
 * and passes Luhn. Otherwise (a card number followed by a CVV, preceded by a stray number…) windows
 * of whole groups are tried, but only windows that look like a card written in groups: one group,
 * or groups starting with a 4-digit one — so a licence key such as 12345-12345-12345-12345 (5-digit
 * groups) is never cut into a "card".
 */
function redactRun(run: string, afterPlus: boolean): { text: string; redacted: number } {
  const digits = asciiDigits(run);
  if (!afterPlus && isPan(digits)) return { text: label(digits), redacted: 1 };
  const written = run.split(GROUP_SEPARATOR);
  const groups = written.map(asciiDigits);
  const separators = run.match(GROUP_SEPARATORS) ?? [];
  const out: string[] = [];
  let redacted = 0;
  let i = 0;
  while (i < groups.length) {
    let found = -1;
    // Longest window first, so a 19-digit card is not read as a 16-digit one. A window has at most
    // 19 groups (each has a digit), which keeps this linear in the length of the run. After a "+"
    // the first group is a phone number's country code: no window starts there.
    const last = Math.min(groups.length - 1, i + MAX_PAN_DIGITS - 1);
    for (let j = afterPlus && i === 0 ? -1 : last; j >= i && found < 0; j--) {
      const window = groups.slice(i, j + 1);
      const joined = window.join("");
      const shaped = window.length === 1 || window[0]?.length === 4;
      if (shaped && isPan(joined)) found = j;
    }
    if (found >= 0) {
      out.push(label(groups.slice(i, found + 1).join("")));
      redacted += 1;
      if (found + 1 < groups.length) out.push(separators[found] ?? " ");
      i = found + 1;
    } else {
      out.push(written[i] ?? "");
      if (i + 1 < groups.length) out.push(separators[i] ?? " ");
      i += 1;
    }
  }
  return { text: out.join(""), redacted };
}

/**
 * Replaces every card number in `text` — 13 to 19 digits (any Unicode decimal digits, full-width
 * ones included), optionally grouped with spaces, tabs, dashes, dots, slashes or underscores,
 * passing the Luhn check once normalised to ASCII — with `[card ending 1234]`, and says how many
 * were replaced.
 * A number written after a "+" with at most 15 digits is an international phone number, not a card
 * (a longer run after a "+" is searched for a card after its country code).
 */
export function redactCardNumbers(text: string): TRedaction {
  let redacted = 0;
  const result = text.replace(DIGIT_RUN, (run: string, offset: number) => {
    const digitCount = asciiDigits(run).length;
    const afterPlus = text[offset - 1] === "+" || text[offset - 1] === "\uff0b";
    if (digitCount < MIN_PAN_DIGITS || (afterPlus && digitCount <= MAX_PHONE_DIGITS)) return run;
    const done = redactRun(run, afterPlus);
    redacted += done.redacted;
    return done.text;
  });
  return { text: result, redacted };
}
