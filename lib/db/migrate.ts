import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import * as engineGlue from "@prisma/schema-engine-wasm/schema_engine_bg";
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
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
    ? fs
        .readdirSync(baseDir, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
        .sort()
    : [];
  const lockPath = path.join(baseDir, "migration_lock.toml");
  return {
    baseDir,
    lockfile: {
      path: "migration_lock.toml",
      content: fs.existsSync(lockPath) ? fs.readFileSync(lockPath, "utf8") : null,
    },
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

/**
 * Starts the WebAssembly schema engine against a database; call `close()` when done. `close()` also
 * disposes the connections the engine opened — `free()` alone leaves SQLite's connection (and its
 * lock) behind, and later writes from the same process time out.
 */
export async function openSchemaEngine(databaseUrl: string) {
  const { provider, factory } = createAdapterFactory(databaseUrl);
  const file = schemaPath(provider);
  const logs: string[] = [];
  const opened: { dispose: () => Promise<void> }[] = [];
  const tracked: SqlMigrationAwareDriverAdapterFactory = {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => {
      const connection = await factory.connect();
      opened.push(connection);
      return connection;
    },
    connectToShadowDb: async () => {
      const connection = await factory.connectToShadowDb();
      opened.push(connection);
      return connection;
    },
  };
  const { SchemaEngine } = await loadEngine();
  const engine = await SchemaEngine.new(
    { datamodels: [[file, fs.readFileSync(file, "utf8")]] },
    (line: string) => logs.push(line),
    bindMigrationAwareSqlAdapterFactory(tracked),
  );
  const close = async () => {
    engine.free();
    await Promise.allSettled(opened.splice(0).map((connection) => connection.dispose()));
  };
  return { engine, provider, file, close };
}

/** Applies every pending migration; returns the names it applied. Safe to run on every start. */
export async function applyMigrations(databaseUrl: string): Promise<string[]> {
  const { engine, provider, close } = await openSchemaEngine(databaseUrl);
  try {
    const out = await engine.applyMigrations({ migrationsList: readMigrations(provider), filters: NO_FILTER });
    return out.appliedMigrationNames;
  } finally {
    await close();
  }
}
