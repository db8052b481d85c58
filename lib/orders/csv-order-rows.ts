import "server-only";
import { AppError, type TFieldErrors } from "@/lib/errors";

// CSV layout for `orders:import` (documented in docs/orders-import.md): one row per order item,
// the order-level columns repeated on each row of the order (or left empty after the first row),
// consecutive rows with the same source + externalId forming one order.

/** The columns in their documented spelling; headers match ignoring case, spaces, "_" and "-". */
export const CSV_COLUMNS = [
  "source",
  "externalId",
  "number",
  "placedAt",
  "status",
  "currency",
  "email",
  "name",
  "phone",
  "line1",
  "line2",
  "city",
  "region",
  "postalCode",
  "country",
  "newsletter",
  "sku",
  "itemName",
  "quantity",
  "unitAmount",
  "licenseKeys",
  "itemStatus",
] as const;

type TColumn = (typeof CSV_COLUMNS)[number];
export type TCsvRecord = Partial<Record<TColumn, string>>;
export interface TCsvRow {
  line: number;
  record: TCsvRecord;
}

const ORDER_COLUMNS: readonly TColumn[] = CSV_COLUMNS.slice(0, 16);
const REQUIRED: readonly TColumn[] = [
  "source",
  "externalId",
  "number",
  "placedAt",
  "status",
  "currency",
  "email",
  "name",
  "sku",
  "itemName",
  "quantity",
  "unitAmount",
];
const BY_KEY = new Map<string, TColumn>(CSV_COLUMNS.map((c) => [headerKey(c), c]));
BY_KEY.set("addressline1", "line1");
BY_KEY.set("addressline2", "line2");

function headerKey(header: string): string {
  return header.toLowerCase().replace(/[\s_-]+/g, "");
}

/** Maps a header row to our columns (unknown columns are ignored); throws when a required one is missing. */
export function mapCsvHeader(headers: string[]): (string | undefined)[] {
  const mapped = headers.map((h) => BY_KEY.get(headerKey(h.replace(/^\uFEFF/, ""))));
  const missing = REQUIRED.filter((c) => !mapped.includes(c));
  if (missing.length > 0) {
    throw new AppError("invalid_input", `The CSV header is missing the column(s): ${missing.join(", ")}.`);
  }
  return mapped;
}

/** The grouping key of a row: rows of one order share source and externalId. */
export function orderKeyOf(record: TCsvRecord): string {
  return `${record.source ?? ""}\u0000${record.externalId ?? ""}`;
}

/** Builds one order (SPEC §2 shape, not yet validated) from its rows, plus disagreements between rows. */
export function orderFromCsvRows(rows: TCsvRow[]): {
  order: unknown;
  conflicts: { line: number; errors: TFieldErrors }[];
} {
  const first = rows[0]?.record ?? {};
  const conflicts: { line: number; errors: TFieldErrors }[] = [];
  for (const { line, record } of rows.slice(1)) {
    const errors: TFieldErrors = {};
    for (const column of ORDER_COLUMNS) {
      const value = record[column];
      if (value && value !== first[column])
        errors[column] = [`Differs from line ${rows[0]?.line ?? 0} (rows of one order must agree)`];
    }
    if (Object.keys(errors).length > 0) conflicts.push({ line, errors });
  }
  const hasAddress = Boolean(first.line1 || first.city || first.postalCode || first.country);
  const order = {
    source: first.source,
    externalId: first.externalId,
    number: first.number,
    placedAt: first.placedAt,
    status: first.status,
    currency: first.currency,
    customer: {
      email: first.email,
      name: first.name,
      phone: first.phone,
      address: hasAddress
        ? {
            line1: first.line1,
            line2: first.line2,
            city: first.city,
            region: first.region,
            postalCode: first.postalCode,
            country: first.country,
          }
        : undefined,
      newsletter: booleanOf(first.newsletter),
    },
    items: rows.map(({ record }) => ({
      sku: record.sku,
      name: record.itemName,
      quantity: integerOf(record.quantity),
      unitAmount: integerOf(record.unitAmount),
      licenseKeys: (record.licenseKeys ?? "").split(/[;\s]+/).filter(Boolean),
      status: record.itemStatus || undefined,
    })),
  };
  return { order, conflicts };
}

/** Places schema errors ("items.2.quantity") on the CSV line and column they came from. */
export function csvErrorsByLine(rows: TCsvRow[], fieldErrors: TFieldErrors): { line: number; errors: TFieldErrors }[] {
  const byLine = new Map<number, TFieldErrors>();
  for (const [path, messages] of Object.entries(fieldErrors)) {
    const parts = path.split(".");
    const itemRow = parts[0] === "items" && parts[1] !== undefined ? rows[Number(parts[1])] : undefined;
    const line = itemRow?.line ?? rows[0]?.line ?? 0;
    const column = itemRow ? itemColumn(parts[2]) : orderColumn(parts);
    const errors = byLine.get(line) ?? {};
    (errors[column] ??= []).push(...messages);
    byLine.set(line, errors);
  }
  return [...byLine.entries()].sort(([a], [b]) => a - b).map(([line, errors]) => ({ line, errors }));
}

function itemColumn(field: string | undefined): string {
  if (field === "name") return "itemName";
  if (field === "status") return "itemStatus";
  return field ?? "sku";
}

function orderColumn(parts: string[]): string {
  if (parts[0] === "customer") return parts[1] === "address" ? (parts[2] ?? "line1") : (parts[1] ?? "email");
  return parts[0] ?? "_";
}

function integerOf(value: string | undefined): number | string | undefined {
  if (value === undefined || value === "") return undefined;
  return /^-?\d{1,15}$/.test(value) ? Number(value) : value;
}

function booleanOf(value: string | undefined): boolean | string | undefined {
  if (value === undefined || value === "") return undefined;
  if (/^(true|yes|y|1)$/i.test(value)) return true;
  if (/^(false|no|n|0)$/i.test(value)) return false;
  return value;
}
