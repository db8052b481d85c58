import { z } from "zod";

// Addresses as buyers type them: trimmed and lower-cased. Only plain ASCII is accepted, so an
// address written with look-alike letters (Cyrillic "а" for Latin "a", full-width "＠") is refused
// instead of silently matching nothing — or something else.

const COMMON_DOMAINS = [
  "gmail.com",
  "googlemail.com",
  "yahoo.com",
  "yahoo.co.uk",
  "yahoo.fr",
  "yahoo.de",
  "hotmail.com",
  "hotmail.co.uk",
  "hotmail.fr",
  "hotmail.de",
  "outlook.com",
  "live.com",
  "msn.com",
  "icloud.com",
  "me.com",
  "mac.com",
  "aol.com",
  "gmx.de",
  "gmx.net",
  "gmx.com",
  "web.de",
  "t-online.de",
  "proton.me",
  "protonmail.com",
  "yandex.ru",
  "mail.ru",
  "orange.fr",
  "free.fr",
  "laposte.net",
  "libero.it",
  "comcast.net",
  "verizon.net",
  "att.net",
  "zoho.com",
] as const;

export const ZBuyerEmail = z
  .string({ error: "Enter your e-mail address" })
  .trim()
  .min(1, "Enter your e-mail address")
  .max(254, "That address is too long")
  .refine(
    (v) => /^[\x21-\x7e]+$/.test(v),
    "Use the address exactly as you gave it at checkout, in plain letters (no look-alike characters or spaces)",
  )
  .transform((v) => v.toLowerCase())
  .pipe(z.email("Enter a valid e-mail address, like name@example.com"));

/** Damerau–Levenshtein distance (with transpositions), enough to catch "gmial" and "hotmial". */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const row = d[i] as number[];
      const prev = d[i - 1] as number[];
      row[j] = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        row[j] = Math.min(row[j] as number, ((d[i - 2] as number[])[j - 2] as number) + 1);
      }
    }
  }
  return (d[a.length] as number[])[b.length] as number;
}

/**
 * "Did you mean …?" for a mistyped common domain: the corrected address, or null when the domain is
 * common already or nothing common is close (at most two edits away, and not a different known TLD).
 */
export function suggestEmailCorrection(email: string): string | null {
  const at = email.lastIndexOf("@");
  if (at < 1) return null;
  const local = email.slice(0, at);
  const domain = email.slice(at + 1).toLowerCase();
  if ((COMMON_DOMAINS as readonly string[]).includes(domain)) return null;
  let best: { domain: string; distance: number } | null = null;
  for (const candidate of COMMON_DOMAINS) {
    const distance = editDistance(domain, candidate);
    if (distance > 0 && distance <= (candidate.length > 8 ? 2 : 1) && (!best || distance < best.distance))
      best = { domain: candidate, distance };
  }
  return best ? `${local}@${best.domain}` : null;
}

/** "ada.lovelace@example.com" → "a•••e@example.com", for pages that confirm an address without showing it. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf("@");
  const local = email.slice(0, at);
  const masked = local.length <= 2 ? `${local[0] ?? ""}•••` : `${local[0]}•••${local[local.length - 1]}`;
  return `${masked}@${email.slice(at + 1)}`;
}
