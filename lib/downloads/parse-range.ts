import "server-only";

/** What a `Range` request header asks of a representation of `size` bytes. */
export type TRangeRequest =
  /** No usable Range (absent, malformed, several ranges or another unit): send the whole file. */
  | { kind: "full" }
  /** One satisfiable byte range, both ends inclusive (RFC 9110 §14.1.2). */
  | { kind: "partial"; start: number; end: number }
  /** A well-formed range that lies outside the file: 416 with `Content-Range: bytes *\/size`. */
  | { kind: "unsatisfiable" };

const SINGLE_RANGE = /^bytes[ \t]*=[ \t]*(\d*)[ \t]*-[ \t]*(\d*)[ \t]*$/i;
const MAX_DIGITS = 15;

/**
 * Parses a `Range` header for one byte range (`bytes=0-`, `bytes=100-199`, `bytes=-500`). Anything
 * it does not support — several ranges, other units, bad syntax — is ignored as RFC 9110 allows,
 * so the client gets the full file instead of an error.
 */
export function parseRange(header: string | null | undefined, size: number): TRangeRequest {
  if (!header) return { kind: "full" };
  const match = SINGLE_RANGE.exec(header.trim());
  if (!match) return { kind: "full" };
  const [, first = "", last = ""] = match;
  if (first.length > MAX_DIGITS || last.length > MAX_DIGITS) return { kind: "full" };
  if (first === "" && last === "") return { kind: "full" };

  if (first === "") {
    // Suffix range: the last N bytes.
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return { kind: "unsatisfiable" };
    return { kind: "partial", start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  if (last !== "" && Number(last) < start) return { kind: "full" };
  if (start >= size) return { kind: "unsatisfiable" };
  const end = last === "" ? size - 1 : Math.min(Number(last), size - 1);
  return { kind: "partial", start, end };
}
