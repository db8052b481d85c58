import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_LOCALE, LOCALES } from "@/lib/i18n/locales";

// Every catalogue file (messages/<locale>/<part>.json: portal, mail, …) in every language has
// exactly English's keys, and each message uses the same ICU arguments ({vendor}, {count, plural…})
// as its English original — so no language drops a link target, a name or a count.

const ROOT = path.resolve(import.meta.dirname, "../../messages");

type TTree = { [key: string]: string | TTree };

function flatten(tree: TTree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(name, value);
    else for (const [k, v] of flatten(value, name)) out.set(k, v);
  }
  return out;
}

/** The argument names of an ICU message, nested plural/select branches included. */
export function icuArguments(message: string): string[] {
  const names = new Set<string>();
  let i = 0;
  // Reads message text up to the `}` that closes it (or the end); arguments start with `{`.
  const readMessage = (): void => {
    while (i < message.length && message[i] !== "}") {
      if (message[i] === "{") readArgument();
      else i++;
    }
  };
  const readArgument = (): void => {
    i++; // {
    const head = /^\s*([^\s,{}]+)\s*(?:,\s*(\w+)\s*)?/.exec(message.slice(i));
    if (!head) throw new Error(`bad argument at ${i} in: ${message}`);
    names.add(head[1]!);
    i += head[0].length;
    const type = head[2];
    if (type === "plural" || type === "select" || type === "selectordinal") {
      i++; // ,
      for (;;) {
        while (/\s/.test(message[i] ?? "")) i++;
        if (message[i] === "}" || i >= message.length) break;
        while (i < message.length && message[i] !== "{") i++; // the selector (one, other, =0, offset:1 …)
        i++; // {
        readMessage();
        i++; // }
      }
    } else {
      while (i < message.length && message[i] !== "}") i++; // a simple style (", number")
    }
    i++; // }
  };
  readMessage();
  return [...names].sort();
}

const read = (locale: string, part: string) =>
  flatten(JSON.parse(fs.readFileSync(path.join(ROOT, locale, part), "utf8")) as TTree);

const parts = fs.readdirSync(path.join(ROOT, DEFAULT_LOCALE)).filter((f) => f.endsWith(".json"));

describe("message catalogues", () => {
  it("parses ICU arguments, nested branches included", () => {
    expect(icuArguments("Order {number} ({source}, {date})")).toEqual(["date", "number", "source"]);
    expect(icuArguments("{count, plural, one {# key of {name}} other {# keys}} for {vendor}")).toEqual([
      "count",
      "name",
      "vendor",
    ]);
    expect(icuArguments("no arguments")).toEqual([]);
  });

  it("has one folder per language with the same files as English", () => {
    for (const locale of LOCALES) {
      expect(
        fs
          .readdirSync(path.join(ROOT, locale))
          .filter((f) => f.endsWith(".json"))
          .sort(),
      ).toEqual(parts.sort());
    }
  });

  for (const part of parts) {
    it(`${part}: every language has English's keys and the same arguments in each message`, () => {
      const english = read(DEFAULT_LOCALE, part);
      for (const locale of LOCALES) {
        const other = read(locale, part);
        expect([...other.keys()].sort(), `${locale}/${part} keys`).toEqual([...english.keys()].sort());
        for (const [key, message] of english) {
          const translated = other.get(key) ?? "";
          expect(translated.trim(), `${locale}/${part} ${key} is empty`).not.toBe("");
          expect(icuArguments(translated), `${locale}/${part} ${key}`).toEqual(icuArguments(message));
        }
      }
    });
  }
});
