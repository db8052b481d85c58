import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import fs from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";

export type TProvider = "sqlite" | "postgres";

export function providerOf(databaseUrl: string): TProvider {
  return databaseUrl.startsWith("file:") ? "sqlite" : "postgres";
}

/** The driver adapter factory for a database URL (`file:` → SQLite, `postgres(ql)://` → PostgreSQL). */
export function createAdapterFactory(databaseUrl: string) {
  if (providerOf(databaseUrl) === "sqlite") {
    const file = databaseUrl.slice("file:".length);
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    // The schema engine's in-memory shadow database fails to apply migrations; a file next to the
    // database works (only `db:migration` / `db:check` ever create one).
    const shadowDatabaseUrl = `${path.resolve(file)}.shadow-${process.pid}`;
    return {
      provider: "sqlite" as const,
      factory: new PrismaBetterSqlite3({ url: file, timeout: 10_000 }, { shadowDatabaseUrl }),
    };
  }
  // PrismaPg takes explicit fields: the schema engine's shadow-database support reads them.
  const url = new URL(databaseUrl);
  const poolMax = Number(url.searchParams.get("connection_limit") ?? "10");
  const config = {
    host: url.hostname,
    port: url.port ? Number(url.port) : 5432,
    user: decodeURIComponent(url.username || "postgres"),
    password: url.password ? decodeURIComponent(url.password) : undefined,
    database: decodeURIComponent(url.pathname.slice(1) || "postgres"),
    ssl: url.searchParams.get("sslmode") === "require" ? { rejectUnauthorized: false } : undefined,
    max: poolMax,
  };
  const factory = new PrismaPg(config);
  // The adapter drops its shadow database while its own pool still holds a connection, which
  // PostgreSQL refuses; this one closes the pool first and forces the drop.
  factory.connectToShadowDb = async () => {
    const admin = await factory.connect();
    const name = `keydesk_shadow_${randomUUID().replace(/-/g, "")}`;
    await admin.executeScript(`CREATE DATABASE "${name}"`);
    const shadow = await new PrismaPg({ ...config, database: name, max: 2 }).connect();
    const close = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      await close();
      await admin.executeScript(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.dispose();
    };
    return shadow;
  };
  return { provider: "postgres" as const, factory };
}
