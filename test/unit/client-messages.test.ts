// The namespaces kept out of the browser's messages (app/_components/client-messages.ts) must be
// ones no code running in the browser reads: every module a "use client" file reaches in app/ is
// scanned for useTranslations("…") and must name only namespaces that reach the client.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { clientMessages, SERVER_ONLY_NAMESPACES } from "@/app/_components/client-messages";

const ROOT = path.resolve(import.meta.dirname, "../..");
const APP = path.join(ROOT, "app");

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** The app/ modules `file` imports (relative or `@/app/…`), resolved to files. */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, "utf8");
  const targets: string[] = [];
  for (const match of text.matchAll(/\bfrom\s+"([^"]+)"|\bimport\(\s*"([^"]+)"\s*\)/g)) {
    const spec = match[1] ?? match[2] ?? "";
    const base = spec.startsWith("@/app/")
      ? path.join(APP, spec.slice("@/app/".length))
      : spec.startsWith(".")
        ? path.resolve(path.dirname(file), spec)
        : null;
    if (!base) continue;
    const found = [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts"), path.join(base, "index.tsx")].find(
      (candidate) => fs.existsSync(candidate) && fs.statSync(candidate).isFile(),
    );
    if (found?.startsWith(APP)) targets.push(found);
  }
  return targets;
}

function browserModules(): Set<string> {
  const seen = new Set<string>();
  const queue = sourceFiles(APP).filter((file) => /^\s*["']use client["']/.test(fs.readFileSync(file, "utf8")));
  while (queue.length) {
    const file = queue.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    queue.push(...importsOf(file));
  }
  return seen;
}

describe("client messages", () => {
  it("leave out only namespaces that no module running in the browser reads", () => {
    const modules = browserModules();
    expect(modules.size).toBeGreaterThan(10);
    const used: string[] = [];
    for (const file of modules) {
      const text = fs.readFileSync(file, "utf8");
      for (const match of text.matchAll(/useTranslations\(([^)]*)\)/g)) {
        const literal = /^\s*"([^"]+)"\s*$/.exec(match[1] ?? "")?.[1];
        expect(literal, `${path.relative(ROOT, file)}: useTranslations with a literal namespace`).toBeDefined();
        used.push(`${path.relative(ROOT, file)}: ${literal}`);
        const top = (literal ?? "").split(".")[0] ?? "";
        expect(
          SERVER_ONLY_NAMESPACES as readonly string[],
          `${path.relative(ROOT, file)} reads ${literal}`,
        ).not.toContain(top);
      }
    }
    expect(used.some((u) => u.endsWith(": lookup.form"))).toBe(true);
  });

  it("keep the rest, and the console's words only when asked for", () => {
    const messages = {
      common: { a: "A" },
      home: { b: "B" },
      mail: { c: "C" },
      console: { d: "D" },
      lookup: { e: "E" },
    };
    expect(clientMessages(messages)).toEqual({ common: { a: "A" }, lookup: { e: "E" } });
    expect(clientMessages(messages, { console: true })).toEqual({
      common: { a: "A" },
      lookup: { e: "E" },
      console: { d: "D" },
    });
  });
});
