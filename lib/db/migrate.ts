import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import * as engineGlue from "@prisma/schema-engine-wasm/schema_engine_bg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type { MigrationList } from "@prisma/schema-engine-wasm";
import { createAdapterFactory, type TProvider } from "@/lib/db/adapter";

// The Prisma CLI's migrate commands need a native engine that cannot be downloaded here; the same
// engine compiled to WebAssembly applies the same migration folders and records them in
// `_prisma_migrations` exactly as `prisma migrate deploy` would.

const PRISMA_DIR = path.resolve(import.meta.dirname, "../../prisma");
const NO_FILTER = { externalTables: [], externalEnums: [] };

export function schemaPath(provider: TProvider): string {
  return path.join(PRISMA_DIR, provider, "schema.prisma");
}

/** The committed migration folders of one provider, in the shape the schema engine wants. */
export function readMigrations(provider: TProvider): MigrationList {
  const baseDir = path.join(PRISMA_DIR, provider, "migrations");
  const dirs = fs.existsSync(baseDir)
    ? fs.readdirSync(baseDir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()
    : [];
  const lockPath = path.join(baseDir, "migration_lock.toml");
  return {
    baseDir,
    lockfile: { path: "migration_lock.toml", content: fs.existsSync(lockPath) ? fs.readFileSync(lockPath, "utf8") : null },
    shadowDbInitScript: "",
    migrationDirectories: dirs.map((name) => ({
      path: name,
      migrationFile: {
        path: "migration.sql",
        content: { tag: "ok", value: fs.readFileSync(path.join(baseDir, name, "migration.sql"), "utf8") },
      },
    })),
  };
}

let engineReady: Promise<typeof engineGlue> | undefined;

// The package is built for bundlers (`import wasm from "….wasm"`), which Node cannot load: instantiate
// the module by hand and hand it to the generated glue, as the Prisma CLI itself does.
function loadEngine(): Promise<typeof engineGlue> {
  engineReady ??= (async () => {
    const glue = createRequire(import.meta.url).resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const wasmPath = path.join(path.dirname(glue), "schema_engine_bg.wasm");
    const { instance } = await WebAssembly.instantiate(fs.readFileSync(wasmPath), {
      "./schema_engine_bg.js": engineGlue as unknown as WebAssembly.ModuleImports,
    });
    engineGlue.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return engineGlue;
  })();
  return engineReady;
}

/** Starts the WebAssembly schema engine against a database; call `free()` when done. */
export async function openSchemaEngine(databaseUrl: string) {
  const { provider, factory } = createAdapterFactory(databaseUrl);
  const file = schemaPath(provider);
  const logs: string[] = [];
  const { SchemaEngine } = await loadEngine();
  const engine = await SchemaEngine.new(
    { datamodels: [[file, fs.readFileSync(file, "utf8")]] },
    (line: string) => logs.push(line),
    bindMigrationAwareSqlAdapterFactory(factory),
  );
  return { engine, provider, file };
}

/** Applies every pending migration; returns the names it applied. Safe to run on every start. */
export async function applyMigrations(databaseUrl: string): Promise<string[]> {
  const { engine, provider } = await openSchemaEngine(databaseUrl);
  try {
    const out = await engine.applyMigrations({ migrationsList: readMigrations(provider), filters: NO_FILTER });
    return out.appliedMigrationNames;
  } finally {
    engine.free();
  }
}
