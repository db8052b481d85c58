import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseRange } from "@/lib/downloads/parse-range";

describe("parseRange", () => {
  it("reads one byte range, open-ended and suffix ranges, clamped to the file", () => {
    expect(parseRange("bytes=0-99", 1000)).toEqual({ kind: "partial", start: 0, end: 99 });
    expect(parseRange("bytes=500-", 1000)).toEqual({ kind: "partial", start: 500, end: 999 });
    expect(parseRange("bytes=900-5000", 1000)).toEqual({ kind: "partial", start: 900, end: 999 });
    expect(parseRange("bytes=-100", 1000)).toEqual({ kind: "partial", start: 900, end: 999 });
    expect(parseRange("bytes=-5000", 1000)).toEqual({ kind: "partial", start: 0, end: 999 });
    expect(parseRange(" Bytes = 10 - 19 ", 1000)).toEqual({ kind: "partial", start: 10, end: 19 });
    expect(parseRange("bytes=999-999", 1000)).toEqual({ kind: "partial", start: 999, end: 999 });
  });

  it("answers unsatisfiable for well-formed ranges outside the file", () => {
    expect(parseRange("bytes=1000-", 1000)).toEqual({ kind: "unsatisfiable" });
    expect(parseRange("bytes=1000-2000", 1000)).toEqual({ kind: "unsatisfiable" });
    expect(parseRange("bytes=-0", 1000)).toEqual({ kind: "unsatisfiable" });
    expect(parseRange("bytes=0-", 0)).toEqual({ kind: "unsatisfiable" });
    expect(parseRange("bytes=-10", 0)).toEqual({ kind: "unsatisfiable" });
  });

  it("ignores what it does not support, so the whole file is sent", () => {
    for (const header of [
      null,
      undefined,
      "",
      "bytes=",
      "bytes=-",
      "bytes=5-1",
      "items=0-1",
      "bytes=0-1,5-6",
      "bytes=abc-",
      "bytes=1e3-",
      "0-100",
      "bytes=0x10-",
      `bytes=${"9".repeat(20)}-`,
    ]) {
      expect(parseRange(header, 1000)).toEqual({ kind: "full" });
    }
  });

  it("never returns a range outside the file (property)", () => {
    fc.assert(
      fc.property(fc.nat(10_000), fc.option(fc.nat(20_000)), fc.option(fc.nat(20_000)), (size, first, last) => {
        const header = `bytes=${first ?? ""}-${last ?? ""}`;
        const range = parseRange(header, size);
        if (range.kind !== "partial") return;
        expect(range.start).toBeGreaterThanOrEqual(0);
        expect(range.start).toBeLessThanOrEqual(range.end);
        expect(range.end).toBeLessThan(size);
      }),
    );
  });
});
