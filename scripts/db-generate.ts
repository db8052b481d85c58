// Writes the SQLite and PostgreSQL Prisma schemas from prisma/models.prisma (the one source of
// truth) and generates both clients. `--check` only verifies that the committed schemas are current.
import fs from "node:fs";
import path from "node:path";
import { execFileSync } from "node:child_process";

const ROOT = path.resolve(import.meta.dirname, "..");
const PROVIDERS = { sqlite: "sqlite", postgres: "postgresql" } as const;

export function renderSchema(provider: keyof typeof PROVIDERS): string {
  const models = fs.readFileSync(path.join(ROOT, "prisma/models.prisma"), "utf8");
  return [
    "// GENERATED from prisma/models.prisma by `npm run db:generate`. Edit that file, not this one.",
    "",
    "generator client {",
    '  provider     = "prisma-client"',
    `  output       = "../../lib/db/generated/${provider}"`,
    '  moduleFormat = "esm"',
    "}",
    "",
    "datasource db {",
    `  provider = "${PROVIDERS[provider]}"`,
    "}",
    "",
    models,
  ].join("\n");
}

function main() {
  const check = process.argv.includes("--check");
  let stale = false;
  for (const provider of Object.keys(PROVIDERS) as (keyof typeof PROVIDERS)[]) {
    const file = path.join(ROOT, "prisma", provider, "schema.prisma");
    const wanted = renderSchema(provider);
    const current = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
    if (check) {
      if (current !== wanted) {
        console.error(`${path.relative(ROOT, file)} is out of date: run npm run db:generate`);
        stale = true;
      }
      continue;
    }
    fs.mkdirSync(path.dirname(file), { recursive: true });
    if (current !== wanted) fs.writeFileSync(file, wanted);
    execFileSync(
      process.execPath,
      [path.join(ROOT, "node_modules/prisma/build/index.js"), "generate", "--schema", file],
      {
        cwd: ROOT,
        stdio: ["ignore", "ignore", "inherit"],
        // The CLI tries to download a native schema engine unless told where one is; generate never runs it.
        env: {
          ...process.env,
          PRISMA_SCHEMA_ENGINE_BINARY: "/bin/false",
          PRISMA_HIDE_UPDATE_MESSAGE: "1",
          CHECKPOINT_DISABLE: "1",
        },
      },
    );
  }
  if (stale) process.exit(1);
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) main();
