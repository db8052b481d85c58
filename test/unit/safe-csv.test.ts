import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { parse } from "csv-parse/sync";
import { neutraliseFormulas, toSafeCsv } from "@/lib/csv/to-safe-csv";

/** Characters a spreadsheet reads as the start of a formula, and what separates cells or lines. */
const TRIGGERS = ["=", "+", "-", "@", "\t", "\r"];
const SEPARATORS = [",", ";", "\t", "\r", "\n", "|"];

/** Text made of the dangerous characters mixed with ordinary ones. */
const nasty = fc
  .array(fc.oneof(fc.constantFrom(...TRIGGERS, ...SEPARATORS, '"', "'", "cmd", "A1", " ", "x"), fc.string()), {
    maxLength: 12,
  })
  .map((parts) => parts.join(""));

describe("toSafeCsv", () => {
  it("quotes every cell and round-trips to the neutralised values", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(nasty, nasty), { minLength: 1, maxLength: 5 }), (rows) => {
        const csv = toSafeCsv(["a", "b"], rows);
        const parsed: string[][] = parse(csv);
        expect(parsed[0]).toEqual(["a", "b"]);
        expect(parsed.slice(1)).toEqual(rows.map((r) => r.map(neutraliseFormulas)));
        // Every cell is quoted: the document is nothing but quoted fields, commas and CRLFs.
        expect(csv).toMatch(/^(?:"(?:[^"]|"")*"(?:,|\r\n))+$/);
      }),
      { numRuns: 300 },
    );
  });

  it("leaves no formula trigger at the start of a cell or after a separator inside it", () => {
    fc.assert(
      fc.property(nasty, (value) => {
        const safe = neutraliseFormulas(value);
        expect(TRIGGERS.some((t) => safe.startsWith(t))).toBe(false);
        for (let i = 1; i < safe.length; i++) {
          if (SEPARATORS.includes(safe[i - 1]!) && "=+-@".includes(safe[i]!)) {
            throw new Error(`formula trigger after a separator in ${JSON.stringify(safe)}`);
          }
        }
      }),
      { numRuns: 500 },
    );
    expect(neutraliseFormulas('=HYPERLINK("x")')).toBe('\'=HYPERLINK("x")');
    expect(neutraliseFormulas("Ann;=cmd|' /C calc'!A0")).toBe("Ann;'=cmd|' /C calc'!A0");
    expect(neutraliseFormulas("ann@example.com")).toBe("ann@example.com");
    expect(neutraliseFormulas("Smith-Jones")).toBe("Smith-Jones");
  });
});
