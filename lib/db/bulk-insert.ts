import "server-only";
import type { TTx } from "@/lib/db";
import { providerOf } from "@/lib/db/adapter";
import { env } from "@/lib/env";

/** A column's kind, for the value conversion each database needs (as Prisma itself stores them). */
export type TColumnType = "text" | "int" | "bool" | "date" | "json" | { enum: string };

// Below SQLite's 32,766 and PostgreSQL's 65,535 bound parameters per statement.
const MAX_PARAMETERS = 30_000;

/**
 * Inserts rows with multi-row `INSERT … VALUES (…), (…)` statements inside the caller's transaction,
 * for bulk writes where Prisma's `createMany` costs more CPU than the database (the order import).
 * Values are bound parameters, never spliced into the SQL; table and column names come from code.
 * Every column is given explicitly (defaults such as `now()` are not left to the database, whose
 * format differs from Prisma's on SQLite).
 */
export async function bulkInsert(
  tx: TTx,
  table: string,
  columns: Record<string, TColumnType>,
  rows: Record<string, unknown>[],
): Promise<void> {
  if (rows.length === 0) return;
  const postgres = providerOf(env().databaseUrl) === "postgres";
  const names = Object.keys(columns);
  const types = names.map((n) => columns[n] as TColumnType);
  const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / names.length));
  const head = `INSERT INTO "${table}" (${names.map((n) => `"${n}"`).join(", ")}) VALUES `;
  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.slice(start, start + perStatement);
    const values: unknown[] = [];
    const tuples = chunk.map((row) => {
      const slots = names.map((name, i) => {
        values.push(convert(row[name], types[i] as TColumnType, postgres));
        return postgres ? `$${values.length}${cast(types[i] as TColumnType)}` : "?";
      });
      return `(${slots.join(", ")})`;
    });
    await tx.$executeRawUnsafe(head + tuples.join(", "), ...values);
  }
}

function cast(type: TColumnType): string {
  if (typeof type === "object") return `::"${type.enum}"`;
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
