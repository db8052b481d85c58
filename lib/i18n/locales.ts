// The languages buyers are served in, and how one is chosen for a visitor. Pure functions, safe on
// the client, in the proxy and in the worker.
//
//   negotiateLocale({ cookie: "de", acceptLanguage: "fr-CH,fr;q=0.9" })  // "de" (a choice wins)
//   negotiateLocale({ acceptLanguage: "ja-JP,ja;q=0.9,en;q=0.8" })      // "ja"
//   negotiateLocale({ acceptLanguage: "zh-TW" })                         // "zh-CN" (closest script we have)

/** Buyer languages, in the order the language menu lists them. BCP 47 tags. */
export const LOCALES = ["en", "de", "fr", "it", "es", "ja", "zh-CN"] as const;

export type TLocale = (typeof LOCALES)[number];

/** The language of a visitor with no preference we can serve, and of the agent console. */
export const DEFAULT_LOCALE: TLocale = "en";

/** The cookie that remembers a visitor's choice (not HttpOnly-sensitive: it holds only a tag). */
export const LOCALE_COOKIE = "keydesk-locale";

/** Each language's name in itself, for the language menu. */
export const LOCALE_NAMES: Record<TLocale, string> = {
  en: "English",
  de: "Deutsch",
  fr: "Français",
  it: "Italiano",
  es: "Español",
  ja: "日本語",
  "zh-CN": "简体中文",
};

/** True when `value` is one of LOCALES, exactly as written there. */
export function isLocale(value: unknown): value is TLocale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/** Maps any BCP 47 tag to the language we serve for it, or null ("de-AT" → "de", "zh-Hant" → "zh-CN"). */
export function matchLocale(tag: string): TLocale | null {
  const lower = tag.trim().toLowerCase();
  if (!lower || lower === "*") return null;
  const exact = LOCALES.find((locale) => locale.toLowerCase() === lower);
  if (exact) return exact;
  const language = lower.split("-")[0];
  if (language === "zh") return "zh-CN";
  return LOCALES.find((locale) => locale.toLowerCase() === language) ?? null;
}

/** The tags of an Accept-Language header, best first (q=0 dropped; malformed entries ignored). */
export function parseAcceptLanguage(header: string | null | undefined): string[] {
  if (!header) return [];
  return header
    .slice(0, 512)
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const weight = q ? Number(q.slice(2)) : 1;
      return { tag: tag.trim(), weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter((entry) => entry.tag && entry.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index)
    .map((entry) => entry.tag);
}

/** The visitor's language: a remembered choice if valid, else the best Accept-Language match, else English. */
export function negotiateLocale(input: { cookie?: string | null; acceptLanguage?: string | null }): TLocale {
  if (isLocale(input.cookie)) return input.cookie;
  for (const tag of parseAcceptLanguage(input.acceptLanguage)) {
    const match = matchLocale(tag);
    if (match) return match;
  }
  return DEFAULT_LOCALE;
}
