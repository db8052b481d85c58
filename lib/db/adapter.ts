import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import fs from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import type BetterSqlite3 from "better-sqlite3";

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
    const factory = new PrismaBetterSqlite3({ url: file, timeout: 10_000 }, { shadowDatabaseUrl });
    const connect = factory.connect.bind(factory);
    factory.connect = async () => {
      const adapter = await connect();
      cachePreparedStatements((adapter as unknown as { client: BetterSqlite3.Database }).client);
      return adapter;
    };
    return { provider: "sqlite" as const, factory };
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

/** Compiled statements kept per SQLite connection (Keydesk's queries are a few hundred distinct texts). */
export const STATEMENT_CACHE_SIZE = 500;

/**
 * Makes `client.prepare(sql)` reuse a compiled statement for a SQL text it has seen (least recently
 * used out past `size`). The Prisma SQLite adapter calls `client.prepare(sql).bind(args)` for every
 * query and keeps nothing, so each query was compiled again (a third of a millisecond per look-up).
 * better-sqlite3's `bind()` fixes a statement's parameters for good, so a cached statement is handed
 * out as a view that passes the arguments to each run instead — exactly the calls the adapter makes
 * (`reader`, `bind(args)` → `run()`, `columns()`, `raw().all()`; `run()` for BEGIN).
 */
export function cachePreparedStatements(client: BetterSqlite3.Database, size = STATEMENT_CACHE_SIZE): void {
  const prepare = client.prepare.bind(client);
  const cache = new Map<string, BetterSqlite3.Statement<unknown[]>>();
  const cached = (sql: string) => {
    let statement = cache.get(sql);
    if (statement) {
      cache.delete(sql);
    } else {
      statement = prepare<unknown[]>(sql);
      if (cache.size >= size) cache.delete(cache.keys().next().value as string);
    }
    cache.set(sql, statement);
    return reusable(statement);
  };
  client.prepare = cached as unknown as typeof client.prepare;
}

function reusable(statement: BetterSqlite3.Statement<unknown[]>) {
  const run = (args: unknown[]) => ({
    reader: statement.reader,
    run: () => statement.run(args),
    columns: () => statement.columns(),
    raw: () => ({ all: () => statement.raw(true).all(args) }),
  });
  return { reader: statement.reader, bind: (args: unknown[] = []) => run(args), run: () => statement.run() };
}
