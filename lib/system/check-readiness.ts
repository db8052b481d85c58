import "server-only";
import fs from "node:fs";
import path from "node:path";
import { db } from "@/lib/db";
import { env } from "@/lib/env";

let migrated = false;

/** What GET /api/ready answers. */
export interface TReadiness {
  status: "ready" | "not_ready";
  database: "ok" | "error";
  migrations: "ok" | "pending" | "unknown";
}

/**
 * `checkReadiness()` (public, records nothing) — for load balancers (GET /api/ready): ready when
 * the database answers and every committed migration is applied. Once all were seen applied, only
 * the database is asked again (a migration is never un-applied), so the check stays one query.
 */
export async function checkReadiness(): Promise<TReadiness> {
  try {
    await db().$queryRaw`SELECT 1`;
  } catch {
    return { status: "not_ready", database: "error", migrations: "unknown" };
  }
  if (!migrated) migrated = await allMigrationsApplied();
  return migrated
    ? { status: "ready", database: "ok", migrations: "ok" }
    : { status: "not_ready", database: "ok", migrations: "pending" };
}

// Not lib/db/migrate.ts: it finds prisma/ from its own file's location, which the Next.js bundle
// does not keep. The server runs from the project folder (npm start, the systemd unit).
async function allMigrationsApplied(): Promise<boolean> {
  const folder = path.join(process.cwd(), "prisma", env().databaseProvider, "migrations");
  const committed = fs
    .readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);
  try {
    const rows = await db().$queryRaw<{ migration_name: string }[]>`
      SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
    const applied = new Set(rows.map((row) => row.migration_name));
    return committed.every((name) => applied.has(name));
  } catch {
    return false; // no migrations table yet
  }
}
