import "server-only";
import { applyMigrations, readMigrations } from "@/lib/db/migrate";
import { db } from "@/lib/db";
import { env } from "@/lib/env";

/**
 * Brings the database to the current schema (idempotent; concurrent starts on PostgreSQL are
 * serialised by the schema engine's advisory lock) and tunes SQLite for a web server.
 */
export async function prepareDatabase(): Promise<string[]> {
  // Fast path: when every committed migration is recorded, skip the schema engine entirely (it
  // takes the SQLite write lock, which a running server's worker may be holding).
  if ((await pendingMigrations()).length === 0) return [];
  const applied = await applyMigrations(env().databaseUrl);
  if (env().databaseProvider === "sqlite") {
    // WAL lets readers work while the worker writes; the setting is stored in the database file.
    await db().$queryRaw`PRAGMA journal_mode = WAL`;
  }
  return applied;
}

/** Committed migrations that the database has not recorded as applied. */
export async function pendingMigrations(): Promise<string[]> {
  const all = readMigrations(env().databaseProvider).migrationDirectories.map((d) => d.path);
  let applied: { migration_name: string }[] = [];
  try {
    applied = await db().$queryRaw<
      { migration_name: string }[]
    >`SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
  } catch {
    return all; // no migrations table yet: a new database
  }
  const done = new Set(applied.map((row) => row.migration_name));
  return all.filter((name) => !done.has(name));
}
