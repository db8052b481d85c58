// A fresh, fully migrated database for one test file: a SQLite file in a temp dir by default, or a
// new PostgreSQL database when KEYDESK_TEST_DB=postgres (npm run test:pg).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { applyMigrations } from "@/lib/db/migrate";

export const PG_ADMIN_URL = process.env.KEYDESK_TEST_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/test";

export interface TTestDatabase {
  url: string;
  dataDir: string;
  provider: "sqlite" | "postgres";
  drop: () => Promise<void>;
}

export async function createTestDatabase(): Promise<TTestDatabase> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "keydesk-test-"));
  if (process.env.KEYDESK_TEST_DB !== "postgres") {
    const url = `file:${path.join(dataDir, "keydesk.db")}`;
    await applyMigrations(url);
    return {
      url,
      dataDir,
      provider: "sqlite",
      drop: () => Promise.resolve(fs.rmSync(dataDir, { recursive: true, force: true })),
    };
  }
  const database = await createPostgresDatabase("keydesk_test");
  await applyMigrations(database.url);
  return {
    url: database.url,
    dataDir,
    provider: "postgres",
    drop: async () => {
      await database.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A new, empty PostgreSQL database named `<prefix>_<random>` on the server of `adminUrl` (tests,
 * the scale-out e2e, the import bench): its URL and how to drop it (connections and all).
 */
export async function createPostgresDatabase(
  prefix: string,
  adminUrl = PG_ADMIN_URL,
): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${randomBytes(6).toString("hex")}`;
  await adminQuery(adminUrl, `CREATE DATABASE "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

async function adminQuery(adminUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
