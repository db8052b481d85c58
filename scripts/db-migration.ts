// Creates a migration for both databases from the difference between the schema the committed
// migrations were made from (prisma/<provider>/migrations/schema.snapshot.prisma) and the current
// one, or (--check) fails when a generated schema or a migration tree is behind prisma/models.prisma.
//   npm run db:migration -- add_refund_gateway
//   npm run db:check
//
// Diffing from a snapshot rather than from the migrations themselves: the schema engine would have
// to introspect a shadow database for that, which fails through the PostgreSQL driver adapter
// ("Column type 'char' could not be deserialized"). Integration tests apply every migration to a
// fresh SQLite file and PostgreSQL database, so a snapshot that lies about them fails there.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openSchemaEngine } from "@/lib/db/migrate";
import { renderSchema } from "./db-generate";
import type { TProvider } from "@/lib/db/adapter";

const NO_FILTER = { externalTables: [], externalEnums: [] };

function snapshotPath(provider: TProvider): string {
  return path.resolve(import.meta.dirname, "../prisma", provider, "migrations/schema.snapshot.prisma");
}

async function pendingSql(provider: TProvider, schema: string): Promise<string> {
  // The engine needs a connection even for a schema-to-schema diff; a throwaway SQLite file serves
  // both providers (the SQL is rendered for the provider named in the schemas).
  const url = `file:${path.join(fs.mkdtempSync(path.join(os.tmpdir(), "keydesk-diff-")), "diff.db")}`;
  const { engine, close } = await openSchemaEngine(url);
  try {
    const snapshot = snapshotPath(provider);
    const result = await engine.diff({
      from: fs.existsSync(snapshot)
        ? { tag: "schemaDatamodel", files: [{ path: snapshot, content: fs.readFileSync(snapshot, "utf8") }] }
        : { tag: "empty" },
      to: { tag: "schemaDatamodel", files: [{ path: `${provider}.prisma`, content: schema }] },
      script: true,
      exitCode: true,
      filters: NO_FILTER,
    });
    return result.exitCode === 2 ? (result.stdout ?? "") : "";
  } finally {
    await close();
    fs.rmSync(path.dirname(url.slice(5)), { recursive: true, force: true });
  }
}

async function main() {
  const check = process.argv.includes("--check");
  const name = process.argv.slice(2).find((a) => !a.startsWith("--"));
  if (!check && !name?.match(/^[a-z0-9_]+$/)) {
    throw new Error("usage: npm run db:migration -- <snake_case_name>   or   npm run db:check");
  }
  let failed = false;
  for (const provider of ["sqlite", "postgres"] as const) {
    const schemaFile = path.resolve(import.meta.dirname, "../prisma", provider, "schema.prisma");
    if (fs.readFileSync(schemaFile, "utf8") !== renderSchema(provider)) {
      console.error(`${provider}: schema.prisma is not generated from models.prisma (run npm run db:generate)`);
      failed = true;
      continue;
    }
    const schema = renderSchema(provider);
    const sql = await pendingSql(provider, schema);
    if (check) {
      if (sql.trim()) {
        console.error(`${provider}: migrations do not match the schema; missing:\n${sql}`);
        failed = true;
      } else {
        console.log(`${provider}: migrations match the schema`);
      }
      continue;
    }
    if (!sql.trim()) {
      // e.g. a new enum value: a TEXT column in SQLite, so no SQL — but the snapshot moves on.
      fs.writeFileSync(snapshotPath(provider), schema);
      console.log(`${provider}: nothing to migrate`);
      continue;
    }
    const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
    const dir = path.resolve(import.meta.dirname, "../prisma", provider, "migrations", `${stamp}_${name}`);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "migration.sql"), sql);
    fs.writeFileSync(snapshotPath(provider), schema);
    console.log(`${provider}: wrote ${path.relative(process.cwd(), dir)}/migration.sql`);
  }
  if (failed) process.exit(1);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
