import "server-only";
import { applyMigrations } from "@/lib/db/migrate";
import { db } from "@/lib/db";
import { env } from "@/lib/env";

/**
 * Brings the database to the current schema (idempotent; concurrent starts on PostgreSQL are
 * serialised by the schema engine's advisory lock) and tunes SQLite for a web server.
 */
export async function prepareDatabase(): Promise<string[]> {
  const applied = await applyMigrations(env().databaseUrl);
  if (env().databaseProvider === "sqlite") {
    // WAL lets readers work while the worker writes; the setting is stored in the database file.
    await db().$queryRaw`PRAGMA journal_mode = WAL`;
  }
  return applied;
}
