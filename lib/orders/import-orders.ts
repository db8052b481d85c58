import "server-only";
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import { parse, CsvError } from "csv-parse";
import { AppError, fieldErrorsOf, isAppError, type TFieldErrors } from "@/lib/errors";
import type { TActor } from "@/lib/auth/types";
import { ZOrderPayload, type TOrderPayload } from "@/lib/orders/schemas";
import { ingestOrder } from "@/lib/orders/ingest-order";
import { ingestOrderBatch } from "@/lib/orders/ingest-order-batch";
import { prepareBulkWrites } from "@/lib/db/bulk-insert";
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
  /** True when `signal` stopped the import: everything before `lastLine` is committed, nothing after. */
  interrupted: boolean;
  /** The last line of the file that was dealt with (imported or rejected). */
  lastLine: number;
}

export interface TImportProgress {
  /** Orders dealt with so far (imported, unchanged or rejected). */
  orders: number;
  bytesRead: number;
  totalBytes: number;
}

export interface TImportOptions {
  actor?: TActor;
  /** Stops the import after the batch in flight (committed batches are kept); see `interrupted`. */
  signal?: AbortSignal;
  /** Orders per transaction (default 2000). */
  batchSize?: number;
  /** Called after each committed batch. */
  onProgress?: (progress: TImportProgress) => void;
}

const MAX_LISTED_REJECTS = 1000;
// Bigger transactions write each touched index page once per batch instead of once per 500 orders
// (SQLite's COMMIT was half the import's time); a batch still commits well within a second.
const DEFAULT_BATCH = 2000;

/**
 * Imports orders from a JSON Lines (.jsonl, .ndjson) or CSV (.csv) file while streaming it: each
 * order is validated on its own (bad ones are reported with their line numbers and do not stop the
 * others), valid ones are stored `batchSize` at a time, one transaction per batch
 * (`ingestOrderBatch`: idempotent on source and external id, so a re-run or a resumed run duplicates
 * nothing). A batch the database refuses is retried order by order through `ingestOrder`, so a
 * rejected order is still named by its line; an unexpected failure (e.g. the database) stops the
 * import with the line, the batches before it committed.
 */
export async function importOrders(filePath: string, options: TImportOptions = {}): Promise<TImportReport> {
  const stat = fs.statSync(filePath, { throwIfNoEntry: false });
  if (!stat?.isFile()) throw new AppError("invalid_input", `No such file: ${filePath}`);
  const extension = path.extname(filePath).toLowerCase();
  if (extension !== ".jsonl" && extension !== ".ndjson" && extension !== ".csv")
    throw new AppError("invalid_input", `Unsupported file type "${extension || "none"}": use .csv, .jsonl or .ndjson.`);
  const report: TImportReport = {
    created: 0,
    updated: 0,
    unchanged: 0,
    rejected: 0,
    rejects: [],
    interrupted: false,
    lastLine: 0,
  };
  await prepareBulkWrites();
  const input = fs.createReadStream(filePath);
  const importer: TImporter = {
    report,
    bytesRead: 0,
    actor: options.actor ?? { type: "system", label: "import" },
    batch: [],
    batchSize: Math.max(1, options.batchSize ?? DEFAULT_BATCH),
    signal: options.signal,
    progress: () =>
      options.onProgress?.({
        orders: report.created + report.updated + report.unchanged + report.rejected,
        bytesRead: importer.bytesRead,
        totalBytes: stat.size,
      }),
  };
  try {
    if (extension === ".csv") await importCsv(input, importer);
    else await importJsonLines(input, importer);
    if (!report.interrupted) await flush(importer);
  } finally {
    input.destroy();
  }
  return report;
}

interface TPending {
  line: number;
  lastLine: number;
  payload: TOrderPayload;
  /** Reports the order's field errors against its line(s). */
  reject: (errors: TFieldErrors) => void;
}

interface TImporter {
  report: TImportReport;
  /** How far into the file the orders handed to `enqueue` reach (for the progress). */
  bytesRead: number;
  actor: TActor;
  batch: TPending[];
  batchSize: number;
  signal?: AbortSignal;
  progress: () => void;
}

/** Queues a valid order; stores the batch when full. False when the import must stop (signal). */
async function enqueue(importer: TImporter, pending: TPending): Promise<boolean> {
  importer.batch.push(pending);
  if (importer.batch.length < importer.batchSize) return true;
  await flush(importer);
  if (importer.signal?.aborted) importer.report.interrupted = true;
  return !importer.report.interrupted;
}

async function flush(importer: TImporter): Promise<void> {
  const batch = importer.batch;
  if (batch.length === 0) return;
  importer.batch = [];
  const { report } = importer;
  try {
    const results = await ingestOrderBatch(
      batch.map((p) => p.payload),
      importer.actor,
    );
    for (const { result } of results) report[result] += 1;
  } catch {
    // One order the database refuses (or a conflict) fails the whole batch: store them one by one
    // to name the line, as an import without batches would.
    for (const pending of batch) {
      const errors = await ingestOne(importer, pending.payload, pending.line);
      if (errors) pending.reject(errors);
    }
  }
  report.lastLine = Math.max(report.lastLine, batch.at(-1)?.lastLine ?? 0);
  importer.progress();
}

function reject(importer: TImporter, entries: TImportReject[]): void {
  importer.report.rejected += 1;
  const room = MAX_LISTED_REJECTS - importer.report.rejects.length;
  importer.report.rejects.push(...entries.slice(0, Math.max(0, room)));
}

/** Ingests one order on its own; returns field errors instead of throwing for bad input. */
async function ingestOne(importer: TImporter, payload: TOrderPayload, line: number): Promise<TFieldErrors | null> {
  try {
    const { result } = await ingestOrder(payload, importer.actor);
    importer.report[result] += 1;
    return null;
  } catch (error) {
    if (isAppError(error)) return error.fieldErrors ?? { _: [error.message] };
    const reason = error instanceof Error ? firstLineOf(error.message) : "unknown error";
    throw new Error(`Line ${line}: the order could not be saved (${reason}); the orders before it were imported.`);
  }
}

function firstLineOf(message: string): string {
  return (
    message
      .split("\n")
      .map((l) => l.trim())
      .find(Boolean) ?? "no reason given"
  );
}

/** A raw order validated: the payload, or its field errors. */
function validate(raw: unknown): { payload: TOrderPayload } | { errors: TFieldErrors } {
  const parsed = ZOrderPayload.safeParse(raw);
  return parsed.success ? { payload: parsed.data } : { errors: fieldErrorsOf(parsed.error.issues) };
}

async function importJsonLines(input: fs.ReadStream, importer: TImporter): Promise<void> {
  const lines = readline.createInterface({ input: input.setEncoding("utf8"), crlfDelay: Infinity });
  let line = 0;
  for await (const text of lines) {
    line += 1;
    // Characters, not bytes: close enough for a progress figure, and cheap.
    importer.bytesRead += text.length + 1;
    const trimmed = text.replace(/^\uFEFF/, "").trim();
    if (trimmed === "") continue;
    let raw: unknown;
    try {
      raw = JSON.parse(trimmed);
    } catch {
      reject(importer, [{ line, errors: { _: ["Not valid JSON (one order per line expected)"] } }]);
      continue;
    }
    const valid = validate(raw);
    if ("errors" in valid) {
      reject(importer, [{ line, errors: valid.errors }]);
      continue;
    }
    const at = line;
    const pending = {
      line,
      lastLine: line,
      payload: valid.payload,
      reject: (e: TFieldErrors) => reject(importer, [{ line: at, errors: e }]),
    };
    if (!(await enqueue(importer, pending))) break;
  }
}

async function importCsv(input: fs.ReadStream, importer: TImporter): Promise<void> {
  const parser = input.pipe(
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
    for await (const { record, info } of parser as AsyncIterable<{
      record: TCsvRecord;
      info: { lines: number; bytes: number };
    }>) {
      importer.bytesRead = info.bytes;
      const key = orderKeyOf(record);
      if (group?.key === key) {
        group.rows.push({ line: info.lines, record });
        continue;
      }
      if (group && !(await importCsvGroup(importer, group.rows, seen))) {
        group = undefined;
        break;
      }
      group = { key, rows: [{ line: info.lines, record }] };
    }
    if (group) await importCsvGroup(importer, group.rows, seen);
  } catch (error) {
    if (error instanceof CsvError) throw new AppError("invalid_input", `The CSV file cannot be read: ${error.message}`);
    throw error;
  }
}

/** Validates one order's rows and queues it; false when the import must stop. */
async function importCsvGroup(importer: TImporter, rows: TCsvRow[], seen: Map<string, number>): Promise<boolean> {
  const first = rows[0];
  if (!first) return true;
  const key = orderKeyOf(first.record);
  const earlier = seen.get(key);
  if (earlier !== undefined) {
    const message = `Rows of one order must be consecutive; this order already started at line ${earlier}`;
    reject(
      importer,
      rows.map(({ line }) => ({ line, errors: { _: [message] } })),
    );
    return true;
  }
  seen.set(key, first.line);
  const { order, conflicts } = orderFromCsvRows(rows);
  if (conflicts.length > 0) {
    reject(importer, conflicts);
    return true;
  }
  const valid = validate(order);
  if ("errors" in valid) {
    reject(importer, csvErrorsByLine(rows, valid.errors));
    return true;
  }
  return enqueue(importer, {
    line: first.line,
    lastLine: rows.at(-1)?.line ?? first.line,
    payload: valid.payload,
    reject: (errors) => reject(importer, csvErrorsByLine(rows, errors)),
  });
}
