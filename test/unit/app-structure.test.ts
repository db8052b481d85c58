// The shape of app/ that CONTRIBUTING.md promises, checked on the source: every server action is
// one wrapper from lib/http/actions.ts (or a family built with defineActionFamily) around one lib
// call, and lives in an actions file of its route — never inside a `_components/` folder; every
// route handler is a jsonRoute or fileRoute (Auth.js's own handlers aside).
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const APP = path.resolve(import.meta.dirname, "../../app");

function sourcesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourcesUnder(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

const relative = (file: string) => path.relative(APP, file);
const isServerActionFile = (text: string) => /^\s*(\/\/[^\n]*\n\s*)*["']use server["']/.test(text);
const FILES = sourcesUnder(APP).map((file) => ({ file, text: fs.readFileSync(file, "utf8") }));
const ACTION_FAMILIES = /^(publicAction|buyerAction|agentAction|adminAction|pendingAgentAction|ticketAccessAction)$/;

describe("app/ structure", () => {
  it("keeps server actions out of _components/ folders", () => {
    const misplaced = FILES.filter(
      ({ file, text }) => isServerActionFile(text) && file.includes(`${path.sep}_components${path.sep}`),
    );
    expect(misplaced.map(({ file }) => relative(file))).toEqual([]);
  });

  it("wraps every exported server action in one of the action families", () => {
    const actionFiles = FILES.filter(({ text }) => isServerActionFile(text));
    expect(actionFiles.length).toBeGreaterThan(20);
    const unwrapped: string[] = [];
    for (const { file, text } of actionFiles) {
      for (const match of text.matchAll(/^export\s+(?:async\s+)?(?:const|let|function)\s+(\w+)(.*)$/gm)) {
        const wrapper = /^\s*=\s*(\w+)(?:\.(?:submit|call))?\(/.exec(match[2] ?? "")?.[1] ?? "";
        if (!ACTION_FAMILIES.test(wrapper)) unwrapped.push(`${relative(file)}: ${match[1]}`);
      }
    }
    expect(unwrapped).toEqual([]);
  });

  it("makes every route handler a jsonRoute or a fileRoute", () => {
    const routes = FILES.filter(({ file }) => path.basename(file) === "route.ts");
    expect(routes.length).toBeGreaterThan(10);
    const bare = routes.filter(
      ({ text }) => !/\b(jsonRoute|fileRoute)\(/.test(text) && !/lib\/auth\/next-auth/.test(text),
    );
    expect(bare.map(({ file }) => relative(file))).toEqual([]);
  });
});
