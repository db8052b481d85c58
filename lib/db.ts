import "server-only";
import { PrismaClient as SqliteClient } from "@/lib/db/generated/sqlite/client";
import { PrismaClient as PostgresClient } from "@/lib/db/generated/postgres/client";
import type { SqlDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { createAdapterFactory } from "@/lib/db/adapter";
import { env } from "@/lib/env";

// Columns that hold secrets are left out of every query unless a use case asks for them by name.
const OMIT = {
  agent: { passwordHash: true, totpSecretEnc: true },
  outboxMessage: { payloadEnc: true },
} as const;

function createSqliteClient(factory: SqlDriverAdapterFactory) {
  return new SqliteClient({ adapter: factory, omit: OMIT });
}

export type TDb = ReturnType<typeof createSqliteClient>;

function createClient(databaseUrl: string): TDb {
  const { provider, factory } = createAdapterFactory(databaseUrl);
  if (provider === "sqlite") return createSqliteClient(factory);
  // Both clients are generated from the same models (prisma/models.prisma), so their APIs are
  // identical; the SQLite client's type stands for both.
  return new PostgresClient({ adapter: factory, omit: OMIT }) as unknown as TDb;
}

/** The client handed to `db.$transaction(async (tx) => …)` callbacks. */
export type TTx = Parameters<Parameters<TDb["$transaction"]>[0]>[0];

const globalForDb = globalThis as unknown as { keydeskDb?: TDb };

/** The one Prisma client of the process (SQLite or PostgreSQL, chosen by `DATABASE_URL`). */
export function db(): TDb {
  globalForDb.keydeskDb ??= createClient(env().databaseUrl);
  return globalForDb.keydeskDb;
}

/** Closes the connection (CLI commands and tests call this before exiting). */
export async function disconnectDb(): Promise<void> {
  const client = globalForDb.keydeskDb;
  globalForDb.keydeskDb = undefined;
  await client?.$disconnect();
}
