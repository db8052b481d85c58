import "server-only";
import { db, type TTx } from "@/lib/db";
import { providerOf } from "@/lib/db/adapter";
import { env } from "@/lib/env";

/** A column's kind, for the value conversion each database needs (as Prisma itself stores them). */
export type TColumnType = "text" | "int" | "bool" | "date" | "json" | { enum: string };

// Below SQLite's 32,766 and PostgreSQL's 65,535 bound parameters per statement.
const MAX_PARAMETERS = 30_000;

// The shape of every table, column and enum name in prisma/models.prisma. Names are spliced into the
// SQL (quoted), so anything else — a quote, a space, a dot — is refused before a statement is built.
const IDENTIFIER = /^[A-Za-z][A-Za-z0-9_]{0,62}$/;

/**
 * `"name"`, quoted for SQL — or an error when `name` is not a plain identifier. Names must come from
 * code, never from input; this makes sure a mistake there cannot become SQL injection.
 */
export function quotedIdentifier(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`Not an SQL identifier: ${JSON.stringify(name)}`);
  return `"${name}"`;
}

/**
 * Inserts rows with multi-row `INSERT … VALUES (…), (…)` statements inside the caller's transaction,
 * for bulk writes where Prisma's `createMany` costs more CPU than the database (the order import).
 * Values are bound parameters, never spliced into the SQL; table, column and enum names come from
 * code and are checked (`quotedIdentifier`) before they are spliced in.
 * Every column is given explicitly (defaults such as `now()` are not left to the database, whose
 * format differs from Prisma's on SQLite).
 */
export async function bulkInsert(
  tx: TTx,
  table: string,
  columns: Record<string, TColumnType>,
  rows: Record<string, unknown>[],
): Promise<void> {
  const names = Object.keys(columns);
  const types = names.map((n) => columns[n] as TColumnType);
  // Checked even when there is nothing to insert, so a bad name fails on the first run, not the first row.
  const head = `INSERT INTO ${quotedIdentifier(table)} (${names.map(quotedIdentifier).join(", ")}) VALUES `;
  const casts = types.map(cast);
  if (rows.length === 0) return;
  const postgres = providerOf(env().databaseUrl) === "postgres";
  const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / names.length));
  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.slice(start, start + perStatement);
    const values: unknown[] = [];
    const tuples = chunk.map((row) => {
      const slots = names.map((name, i) => {
        values.push(convert(row[name], types[i] as TColumnType, postgres));
        return postgres ? `$${values.length}${casts[i]}` : "?";
      });
      return `(${slots.join(", ")})`;
    });
    await tx.$executeRawUnsafe(head + tuples.join(", "), ...values);
  }
}

/** SQLite page cache for a bulk write, in KiB (the default is 2 MiB). */
const BULK_CACHE_KIB = 64 * 1024;

/**
 * Readies this process's database connection for large transactions of bulkInsert (call once,
 * before them). On SQLite it enlarges the page cache: the import's rows land on random pages of
 * some 18 indexes (random ids and blind indexes), and with the default 2 MiB a transaction of
 * thousands of orders spills dirty pages to the WAL mid-transaction and reads them back again —
 * half the import's database time. PostgreSQL needs nothing here.
 */
export async function prepareBulkWrites(): Promise<void> {
  if (providerOf(env().databaseUrl) !== "sqlite") return;
  await db().$executeRawUnsafe(`PRAGMA cache_size = -${BULK_CACHE_KIB}`);
}

function cast(type: TColumnType): string {
  if (typeof type === "object") return `::${quotedIdentifier(type.enum)}`;
  if (type === "date") return "::timestamp(3)";
  if (type === "json") return "::jsonb";
  if (type === "bool") return "::boolean";
  if (type === "int") return "::integer";
  return "::text";
}

function convert(value: unknown, type: TColumnType, postgres: boolean): unknown {
  if (value === null || value === undefined) return null;
  if (type === "date") {
    const iso = (value as Date).toISOString();
    // Prisma's SQLite format: "2025-01-01T10:00:00.000+00:00"; PostgreSQL's timestamp(3) holds UTC.
    return postgres ? iso : iso.replace(/Z$/, "+00:00");
  }
  if (type === "bool") return postgres ? Boolean(value) : value ? 1 : 0;
  if (type === "json") return JSON.stringify(value);
  return value;
}
