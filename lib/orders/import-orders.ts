import "server-only";
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import { parse, CsvError } from "csv-parse";
import { AppError, fieldErrorsOf, isAppError, type TFieldErrors } from "@/lib/errors";
import type { TActor } from "@/lib/auth/types";
import { ZOrderPayload } from "@/lib/orders/schemas";
import { ingestOrder } from "@/lib/orders/ingest-order";
import {
  csvErrorsByLine,
  mapCsvHeader,
  orderFromCsvRows,
  orderKeyOf,
  type TCsvRecord,
  type TCsvRow,
} from "@/lib/orders/csv-order-rows";

export interface TImportReject {
  line: number;
  errors: TFieldErrors;
}

export interface TImportReport {
  created: number;
  updated: number;
  unchanged: number;
  /** Orders (JSON lines, or CSV row groups) that were not imported. */
  rejected: number;
  /** Line numbers with their field errors (the first 1000). */
  rejects: TImportReject[];
}

const MAX_LISTED_REJECTS = 1000;

/**
 * Imports orders from a JSON Lines (.jsonl, .ndjson) or CSV (.csv) file through `ingestOrder`, one
 * order at a time while streaming the file. Bad orders are reported with their line numbers and do
 * not stop the others; an unexpected failure (e.g. the database) stops the import with the line.
 */
export async function importOrders(
  filePath: string,
  actor: TActor = { type: "system", label: "import" },
): Promise<TImportReport> {
  const stat = fs.statSync(filePath, { throwIfNoEntry: false });
  if (!stat?.isFile()) throw new AppError("invalid_input", `No such file: ${filePath}`);
  const extension = path.extname(filePath).toLowerCase();
  const report: TImportReport = { created: 0, updated: 0, unchanged: 0, rejected: 0, rejects: [] };
  const importer = { report, actor };
  if (extension === ".jsonl" || extension === ".ndjson") await importJsonLines(filePath, importer);
  else if (extension === ".csv") await importCsv(filePath, importer);
  else
    throw new AppError("invalid_input", `Unsupported file type "${extension || "none"}": use .csv, .jsonl or .ndjson.`);
  return report;
}

interface TImporter {
  report: TImportReport;
  actor: TActor;
}

function reject(importer: TImporter, entries: TImportReject[]): void {
  importer.report.rejected += 1;
  const room = MAX_LISTED_REJECTS - importer.report.rejects.length;
  importer.report.rejects.push(...entries.slice(0, Math.max(0, room)));
}

/** Validates and ingests one order; returns field errors instead of throwing for bad input. */
async function ingestOne(importer: TImporter, raw: unknown, line: number): Promise<TFieldErrors | null> {
  const parsed = ZOrderPayload.safeParse(raw);
  if (!parsed.success) return fieldErrorsOf(parsed.error.issues);
  try {
    const { result } = await ingestOrder(parsed.data, importer.actor);
    importer.report[result] += 1;
    return null;
  } catch (error) {
    if (isAppError(error)) return error.fieldErrors ?? { _: [error.message] };
    const reason = error instanceof Error ? error.message.split("\n")[0] : "unknown error";
    throw new Error(`Line ${line}: the order could not be saved (${reason}); the orders before it were imported.`);
  }
}

async function importJsonLines(filePath: string, importer: TImporter): Promise<void> {
  const lines = readline.createInterface({ input: fs.createReadStream(filePath, "utf8"), crlfDelay: Infinity });
  let line = 0;
  for await (const text of lines) {
    line += 1;
    const trimmed = text.replace(/^\uFEFF/, "").trim();
    if (trimmed === "") continue;
    let raw: unknown;
    try {
      raw = JSON.parse(trimmed);
    } catch {
      reject(importer, [{ line, errors: { _: ["Not valid JSON (one order per line expected)"] } }]);
      continue;
    }
    const errors = await ingestOne(importer, raw, line);
    if (errors) reject(importer, [{ line, errors }]);
  }
}

async function importCsv(filePath: string, importer: TImporter): Promise<void> {
  const parser = fs.createReadStream(filePath).pipe(
    parse({
      columns: mapCsvHeader,
      info: true,
      bom: true,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
      skip_records_with_error: true,
      on_skip: (error) => {
        const line = typeof error?.lines === "number" ? error.lines : 0;
        reject(importer, [{ line, errors: { _: [error?.message ?? "Unreadable CSV row"] } }]);
        return undefined;
      },
    }),
  );
  const seen = new Map<string, number>();
  let group: { key: string; rows: TCsvRow[] } | undefined;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: TCsvRecord; info: { lines: number } }>) {
      const key = orderKeyOf(record);
      if (group?.key === key) {
        group.rows.push({ line: info.lines, record });
        continue;
      }
      if (group) await importCsvGroup(importer, group.rows, seen);
      group = { key, rows: [{ line: info.lines, record }] };
    }
    if (group) await importCsvGroup(importer, group.rows, seen);
  } catch (error) {
    if (error instanceof CsvError) throw new AppError("invalid_input", `The CSV file cannot be read: ${error.message}`);
    throw error;
  }
}

async function importCsvGroup(importer: TImporter, rows: TCsvRow[], seen: Map<string, number>): Promise<void> {
  const first = rows[0];
  if (!first) return;
  const key = orderKeyOf(first.record);
  const earlier = seen.get(key);
  if (earlier !== undefined) {
    const message = `Rows of one order must be consecutive; this order already started at line ${earlier}`;
    reject(
      importer,
      rows.map(({ line }) => ({ line, errors: { _: [message] } })),
    );
    return;
  }
  seen.set(key, first.line);
  const { order, conflicts } = orderFromCsvRows(rows);
  if (conflicts.length > 0) return reject(importer, conflicts);
  const errors = await ingestOne(importer, order, first.line);
  if (errors) reject(importer, csvErrorsByLine(rows, errors));
}
