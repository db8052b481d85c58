// Lib's refusals in the buyer's language: every AppError a buyer page, action or route can reach
// names its message in the catalogue (`key`, and `fieldKeys` for field errors), so a German or
// Japanese buyer reads "Diese Bestellung wurde nicht gefunden." instead of a generic sentence.
// Reachability is the import graph from the buyer-facing app files into lib/; a new use case a
// buyer page imports is checked without anyone adding it here.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { translatorFor } from "@/lib/i18n/catalogue";
import { LOCALES } from "@/lib/i18n/locales";
import enPortal from "@/messages/en/portal.json";

const ROOT = path.resolve(__dirname, "../..");

/** Where buyers come in: their pages, actions, shared components and the routes their browser calls. */
const ENTRY_DIRS = [
  "app/(buyer)",
  "app/_components",
  "app/unsubscribe",
  "app/download",
  "app/support-attachments",
  "app/api/v1/lookup",
  "app/api/v1/tickets",
  "app/api/v1/unsubscribe",
];
const ENTRY_FILES = ["app/page.tsx", "app/layout.tsx", "app/not-found.tsx", "app/error.tsx"];

/** Reached from buyer files but never showing a buyer a lib sentence in a page — each with why. */
const NOT_BUYER_TEXT: Record<string, string> = {
  "lib/errors.ts": "parseOrThrow carries zod issues, translated per issue code (lib/i18n/failures.ts)",
  "lib/http/routes.ts": "JSON API refusals: English by contract, for programs rather than people",
  "lib/http/read-limited.ts": "JSON API refusals: English by contract, for programs rather than people",
  "lib/mail/enqueue-mail.ts": "a malformed mail is a bug in Keydesk, never the buyer's input",
  "lib/auth/assert-admin.ts": "agent console only",
  "lib/auth/authenticate-agent.ts": "agent sign-in only",
  "lib/auth/finish-agent-sign-in.ts": "agent sign-in only",
  "lib/auth/sign-in-throttle.ts": "agent sign-in only",
  "lib/auth/passkeys/challenges.ts": "agent passkeys only",
  "lib/auth/passkeys/sign-in-with-passkey.ts": "agent passkeys only",
};

function filesUnder(dir: string): string[] {
  const full = path.join(ROOT, dir);
  if (!fs.existsSync(full)) return [];
  return fs
    .readdirSync(full, { recursive: true, encoding: "utf8" })
    .filter((name) => /\.tsx?$/.test(name))
    .map((name) => path.join(dir, name));
}

function resolveLib(specifier: string): string | null {
  const base = specifier.replace(/^@\//, "");
  return [`${base}.ts`, `${base}.tsx`].find((candidate) => fs.existsSync(path.join(ROOT, candidate))) ?? null;
}

/** Every lib file reachable through `@/lib/…` imports from the buyer entry points. */
function buyerReachableLibFiles(): string[] {
  const seen = new Set<string>();
  const queue = [...ENTRY_DIRS.flatMap(filesUnder), ...ENTRY_FILES];
  while (queue.length > 0) {
    const file = queue.pop()!;
    for (const match of fs.readFileSync(path.join(ROOT, file), "utf8").matchAll(/from "(@\/lib\/[^"]+)"/g)) {
      const target = resolveLib(match[1]!);
      if (target && !seen.has(target)) {
        seen.add(target);
        queue.push(target);
      }
    }
  }
  return [...seen].sort();
}

/** The text of each `new AppError(…)` call in `source`, parentheses balanced. */
function appErrorCalls(source: string): string[] {
  const calls: string[] = [];
  for (let at = source.indexOf("new AppError("); at !== -1; at = source.indexOf("new AppError(", at + 1)) {
    let depth = 0;
    let end = at + "new AppError".length;
    for (; end < source.length; end++) {
      if (source[end] === "(") depth++;
      else if (source[end] === ")" && --depth === 0) break;
    }
    calls.push(source.slice(at, end + 1));
  }
  return calls;
}

describe("buyer-facing lib errors", () => {
  const reachable = buyerReachableLibFiles();

  it("finds the buyer's use cases through the import graph", () => {
    for (const file of [
      "lib/refunds/request-refund.ts",
      "lib/tickets/reply-as-customer.ts",
      "lib/pow/verify-pow-solution.ts",
    ])
      expect(reachable).toContain(file);
  });

  it("gives every reachable AppError a catalogue key, and every field error a field key", () => {
    const missing: string[] = [];
    for (const file of reachable) {
      if (file in NOT_BUYER_TEXT) continue;
      for (const call of appErrorCalls(fs.readFileSync(path.join(ROOT, file), "utf8"))) {
        if (call.startsWith("new AppError(code: TErrorCode")) continue;
        const summary = `${file}: ${call.replace(/\s+/g, " ").slice(0, 110)}`;
        if (!/\bkey\b/.test(call)) missing.push(`${summary} — no key`);
        if (/\bfieldErrors\b/.test(call) && !/\bfieldKeys\b/.test(call)) missing.push(`${summary} — no fieldKeys`);
      }
    }
    expect(missing).toEqual([]);
  });

  it("renders every error message in every language with its values filled in", () => {
    const values = {
      minutes: 2,
      item: "PixelForge",
      days: 14,
      url: "https://x.example/s",
      status: "approved",
      file: "a.pdf",
      types: "PDF",
      max: 5,
    };
    const broken: string[] = [];
    for (const locale of LOCALES) {
      const t = translatorFor(locale, "errors") as unknown as (key: string, v?: object) => string;
      for (const key of Object.keys(enPortal.errors.messages)) {
        const text = t(`messages.${key}`, values);
        if (/[{}]|^(errors\.)?messages\.\w+$/.test(text) || text.trim() === "")
          broken.push(`${locale} ${key}: ${text}`);
      }
    }
    expect(broken).toEqual([]);
  });
});
