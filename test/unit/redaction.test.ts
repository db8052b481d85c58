import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { passesLuhn, redactCardNumbers } from "@/lib/redaction/redact-card-numbers";

/** Appends the Luhn check digit to a digit string. */
function withCheckDigit(body: string): string {
  for (let d = 0; d <= 9; d++) if (passesLuhn(body + d)) return body + d;
  throw new Error("unreachable");
}

/** Groups digits by the given sizes (the last group takes the rest), joined by `sep`. */
function group(digits: string, sizes: number[], sep: string): string {
  const out: string[] = [];
  let at = 0;
  for (const size of sizes) {
    if (at >= digits.length) break;
    out.push(digits.slice(at, at + size));
    at += size;
  }
  if (at < digits.length) out.push(digits.slice(at));
  return out.join(sep);
}

const digitString = (min: number, max: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: min, maxLength: max }).map((ds) => ds.join(""));

/** A Luhn-valid card number of 13–19 digits, with a realistic first digit. */
const cardNumber = fc
  .tuple(fc.constantFrom("4", "5", "3", "6", "2"), fc.integer({ min: 13, max: 19 }))
  .chain(([first, length]) => digitString(length - 2, length - 2).map((middle) => withCheckDigit(first + middle)));

/** How people write card numbers: in one piece, in fours, Amex 4-6-5, with spaces or dashes. */
const writtenCard = fc
  .tuple(cardNumber, fc.constantFrom("none", "fours", "amex"), fc.constantFrom(" ", "-", "  ", " - "))
  .map(([pan, style, sep]) => ({
    pan,
    written: style === "none" ? pan : style === "fours" ? group(pan, [4, 4, 4, 4, 4], sep) : group(pan, [4, 6, 5], sep),
  }));

/** Text around a number that does not glue digits to it. */
const prose = fc.constantFrom("", "My card is ", "charged twice on ", "card: ", "(", "see ", "Hello,\n", "Nummer ");
const proseAfter = fc.constantFrom("", ".", " yesterday", ", thanks", ")", " exp 12/27", "\nRegards", " CVV 123");

const stripped = (text: string) => text.replace(/[^0-9]/g, "");

describe("redactCardNumbers", () => {
  it("redacts every generated card number, in any grouping, and keeps only its last four digits", () => {
    fc.assert(
      fc.property(prose, writtenCard, proseAfter, (before, card, after) => {
        const { text, redacted } = redactCardNumbers(`${before}${card.written}${after}`);
        expect(redacted).toBe(1);
        expect(text).toContain(`[card ending ${card.pan.slice(-4)}]`);
        expect(stripped(text)).not.toContain(card.pan);
        expect(text).not.toContain(card.written);
        // Nothing but the last four of the card's digits survives next to the prose's own digits.
        expect(stripped(text)).toBe(stripped(`${before}${card.pan.slice(-4)}${after}`));
      }),
      { numRuns: 500 },
    );
  });

  it("redacts several cards in one message, and a card followed by a CVV in the same run", () => {
    fc.assert(
      fc.property(writtenCard, writtenCard, (a, b) => {
        const { text, redacted } = redactCardNumbers(`first ${a.written}, second ${b.written}`);
        expect(redacted).toBe(2);
        expect(stripped(text)).not.toContain(a.pan);
        expect(stripped(text)).not.toContain(b.pan);
      }),
      { numRuns: 200 },
    );
    const { text, redacted } = redactCardNumbers("4111 1111 1111 1111 123");
    expect(redacted).toBe(1);
    expect(text).toBe("[card ending 1111] 123");
  });

  it("leaves international phone numbers alone", () => {
    const phone = fc
      .tuple(digitString(1, 3), digitString(2, 4), digitString(6, 8), fc.constantFrom(" ", "-", ""))
      .map(([cc, area, line, sep]) => `+${cc.replace(/^0/, "1")}${sep || " "}${area}${sep}${line}`);
    fc.assert(
      fc.property(phone, prose, (number, before) => {
        const input = `${before}${number} is my number`;
        expect(redactCardNumbers(input)).toEqual({ text: input, redacted: 0 });
      }),
      { numRuns: 300 },
    );
    expect(redactCardNumbers("Call +49 170 1234567").redacted).toBe(0);
    // A card written right after a phone number is still found.
    const { text, redacted } = redactCardNumbers("+49 170 1234567 4111 1111 1111 1111");
    expect(redacted).toBe(1);
    expect(stripped(text)).not.toContain("4111111111111111");
  });

  it("leaves licence keys, order numbers and dates alone", () => {
    const licenceKey = fc.array(digitString(5, 5), { minLength: 4, maxLength: 5 }).map((g) => g.join("-"));
    const orderNumber = digitString(5, 12);
    const date = fc
      .date({ min: new Date("1990-01-01"), max: new Date("2090-01-01"), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(fc.oneof(licenceKey, orderNumber, date), prose, proseAfter, (value, before, after) => {
        const input = `${before}${value}${after}`;
        expect(redactCardNumbers(input)).toEqual({ text: input, redacted: 0 });
      }),
      { numRuns: 500 },
    );
    const key = "12345-12345-12345-12345";
    expect(redactCardNumbers(`Key ${key} does not activate`).text).toBe(`Key ${key} does not activate`);
  });

  it("leaves 13–19 digit numbers that fail the Luhn check alone", () => {
    const notACard = cardNumber.map(
      (pan) => pan.slice(0, -1) + String((Number(pan.slice(-1)) + 1 + Math.floor(Math.random() * 9)) % 10),
    );
    fc.assert(
      fc.property(notACard, fc.constantFrom("none", "fours"), (digits, style) => {
        fc.pre(!passesLuhn(digits));
        // 17–19 digits in fours hold a 16-digit window that may pass Luhn (a card plus a CVV): that
        // one is redacted on purpose, so only shorter numbers are written in fours here.
        fc.pre(style === "none" || digits.length <= 16);
        const input = `ref ${style === "none" ? digits : group(digits, [4, 4, 4, 4, 4], " ")}`;
        expect(redactCardNumbers(input)).toEqual({ text: input, redacted: 0 });
      }),
      { numRuns: 300 },
    );
  });

  it("redacts cards written with dots, tabs, slashes, underscores or typographic dashes and spaces", () => {
    const separator = fc.constantFrom(
      ".",
      "\t",
      "/",
      "_",
      "\u2013",
      "\u2014",
      "\u2212",
      "\u2009",
      "\u202f",
      "\u3000",
      " . ",
      "\t-\t",
    );
    fc.assert(
      fc.property(prose, cardNumber, separator, proseAfter, (before, pan, sep, after) => {
        const written = group(pan, [4, 4, 4, 4, 4], sep);
        const { text, redacted } = redactCardNumbers(`${before}${written}${after}`);
        expect(redacted).toBe(1);
        expect(text).toContain(`[card ending ${pan.slice(-4)}]`);
        expect(text).not.toContain(written);
      }),
      { numRuns: 500 },
    );
    expect(redactCardNumbers("card 4111.1111.1111.1111 please").text).toBe("card [card ending 1111] please");
    expect(redactCardNumbers("4111\t1111\t1111\t1111").text).toBe("[card ending 1111]");
  });

  it("redacts cards written in full-width or other Unicode digits, checked after normalising them", () => {
    const toFullWidth = (digits: string) => digits.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    const toArabicIndic = (digits: string) => digits.replace(/\d/g, (d) => String.fromCharCode(0x0660 + Number(d)));
    fc.assert(
      fc.property(
        prose,
        writtenCard,
        fc.constantFrom(toFullWidth, toArabicIndic),
        proseAfter,
        (before, card, convert, after) => {
          const written = convert(card.written);
          const { text, redacted } = redactCardNumbers(`${before}${written}${after}`);
          expect(redacted).toBe(1);
          expect(text).toContain(`[card ending ${card.pan.slice(-4)}]`);
          expect(text).not.toContain(written);
        },
      ),
      { numRuns: 300 },
    );
    expect(redactCardNumbers("４１１１　１１１１　１１１１　１１１１").text).toBe("[card ending 1111]");
    // Full-width digits that are not a card stay as written.
    expect(redactCardNumbers("注文番号 １２３４５６").text).toBe("注文番号 １２３４５６");
  });

  it("leaves IP addresses, versions, amounts and times written with dots alone", () => {
    const dotted = fc.oneof(
      fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((p) => p.join(".")),
      fc.tuple(fc.nat(99), fc.nat(99), fc.nat(999)).map((p) => p.join(".")),
      fc.tuple(fc.nat(999_999), fc.nat(99)).map(([a, b]) => `${a}.${String(b).padStart(2, "0")}`),
    );
    fc.assert(
      fc.property(dotted, prose, proseAfter, (value, before, after) => {
        const input = `${before}${value}${after}`;
        expect(redactCardNumbers(input)).toEqual({ text: input, redacted: 0 });
      }),
      { numRuns: 300 },
    );
  });

  it("grows linearly with the length of a run of digits (no backtracking blow-up)", () => {
    // A ratio within one run, not a wall-clock limit: these machines are shared and noisy. Ten times
    // the input takes about ten times as long; a quadratic scan would take a hundred times.
    const bestOf3 = (n: number) => {
      let best = Infinity;
      for (let round = 0; round < 3; round++) {
        const started = performance.now();
        redactCardNumbers("1 ".repeat(n));
        redactCardNumbers("１.".repeat(n));
        best = Math.min(best, performance.now() - started);
      }
      return best;
    };
    bestOf3(1_000); // warm up the JIT
    const small = bestOf3(2_000);
    const large = bestOf3(20_000);
    expect(large / Math.max(small, 0.5)).toBeLessThan(40);
  });
});
