// The message catalogues (messages/<locale>/*.json): every language has exactly the English keys,
// every message is valid ICU, and each translation uses the same placeholders and rich-text tags as
// the English one — so a buyer never sees a key path, an English fallback or a broken "{count}".
import { describe, expect, it } from "vitest";
import { IntlMessageFormat } from "intl-messageformat";
import { TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { messagesFor } from "@/lib/i18n/catalogue";
import { LOCALES, type TLocale } from "@/lib/i18n/locales";
import { PSEUDO_CLOSE, PSEUDO_OPEN, pseudoMessages } from "@/lib/i18n/pseudo";

/** Every message of a catalogue as "dotted.key" → text. */
function flatten(tree: unknown, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree as Record<string, unknown>)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

/** The placeholders ({name}, {count, plural, …}) and tags (<strong>…</strong>) a message uses. */
function slots(elements: MessageFormatElement[], found = new Set<string>()): Set<string> {
  for (const element of elements) {
    if (element.type === TYPE.literal || element.type === TYPE.pound) continue;
    found.add(element.type === TYPE.tag ? `<${element.value}>` : `{${element.value}}`);
    if (element.type === TYPE.tag) slots(element.children, found);
    if (element.type === TYPE.plural || element.type === TYPE.select)
      for (const option of Object.values(element.options)) slots(option.value, found);
  }
  return found;
}

function parse(locale: TLocale, text: string) {
  return new IntlMessageFormat(text, locale, undefined, { ignoreTag: false }).getAst();
}

// The console is English-only for now (messages/en/console.json): the other languages are checked
// against the buyer-facing part.
const { console: _console, ...buyerEnglish } = messagesFor("en");
const english = flatten(buyerEnglish);

describe("message catalogues", () => {
  it("has English messages for the buyer pages, the errors and the console", () => {
    for (const namespace of ["common", "errors", "lookup", "orders", "order", "support", "account"]) {
      expect(
        [...english.keys()].some((key) => key.startsWith(`${namespace}.`)),
        namespace,
      ).toBe(true);
    }
    expect(flatten(messagesFor("en").console).get("nav.orders")).toBe("Orders");
  });

  describe.each(LOCALES.filter((locale) => locale !== "en"))("%s", (locale) => {
    const translated = flatten(messagesFor(locale));

    it("has no console messages yet (the console is served in English)", () => {
      expect(messagesFor(locale).console).toBeUndefined();
    });

    it("has every English key and no other", () => {
      expect([...english.keys()].filter((key) => !translated.has(key))).toEqual([]);
      expect([...translated.keys()].filter((key) => !english.has(key))).toEqual([]);
    });

    it("is translated, not copied (most messages differ from English)", () => {
      const same = [...english].filter(
        ([key, text]) => translated.get(key) === text && /[a-z]{4,} [a-z]{3,}/.test(text),
      );
      expect(same.map(([key]) => key)).toEqual([]);
    });

    it("parses as ICU and uses the English placeholders and tags", () => {
      for (const [key, text] of english) {
        const other = translated.get(key);
        if (other === undefined) continue;
        const wanted = [...slots(parse("en", text))].sort();
        expect([key, [...slots(parse(locale, other))].sort()]).toEqual([key, wanted]);
      }
    });
  });

  it("parses every English message as ICU", () => {
    for (const [key, text] of english) expect(() => parse("en", text), key).not.toThrow();
  });

  it("pseudo-locale wraps every message in markers and keeps it valid ICU", () => {
    const pseudo = flatten(pseudoMessages(buyerEnglish));
    expect(pseudo.size).toBe(english.size);
    for (const [key, text] of pseudo) {
      expect(text.startsWith(PSEUDO_OPEN) && text.endsWith(PSEUDO_CLOSE), key).toBe(true);
      expect(() => parse("en", text), key).not.toThrow();
    }
  });
});
