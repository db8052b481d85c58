import "server-only";
import fs from "node:fs";
import path from "node:path";
import { createGzip } from "node:zlib";
import { pipeline } from "node:stream/promises";
import Database from "better-sqlite3";
import tar from "tar-stream";
import { storageLocation } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { DATA_FOLDERS, DATABASE_NAME, MANIFEST_NAME, SECRET_NAME, type TBackupManifest } from "@/lib/backup/archive";

/** How far a backup got: database pages copied, then DATA_DIR files (and their bytes) archived. */
export type TBackupProgress =
  | { stage: "database"; pages: number; totalPages: number }
  | { stage: "files"; files: number; totalFiles: number; bytes: number; totalBytes: number };

export interface TBackupOptions {
  /** The archive to write (must not exist); `.gz`/`.tgz` compresses it. */
  to: string;
  includeSecret?: boolean;
  /** Called after each database step and each file (for the CLI's progress bar). */
  onProgress?: (progress: TBackupProgress) => void;
}

/** Pages per online-backup step before any write restarts the copy (~1/200 of the database, at least 64). */
const stepPages = (totalPages: number) => Math.max(64, Math.ceil(totalPages / 200));
/** One step that copies everything left: a write between steps can no longer restart it. */
const ALL_PAGES = 0x7fffffff;

/**
 * `createBackup({ to })` — operator task (CLI): copies the SQLite database with SQLite's online
 * backup API while the portal keeps serving and writing, then the DATA_DIR folders its rows refer
 * to, into one tar archive (written to a temporary name and renamed when complete). The master
 * secret stays out unless `includeSecret`. PostgreSQL is backed up with pg_dump (README).
 */
export async function createBackup(options: TBackupOptions): Promise<TBackupManifest> {
  const { dataDir, databaseUrl } = storageLocation();
  if (!databaseUrl.startsWith("file:"))
    throw new AppError("invalid_input", "backup copies SQLite databases; on PostgreSQL use pg_dump (see README).");
  const target = path.resolve(options.to);
  if (fs.existsSync(target)) throw new AppError("conflict", `${options.to} already exists; choose a new file name.`);
  const dbFile = databaseUrl.slice("file:".length);
  if (!fs.existsSync(dbFile)) throw new AppError("not_found", `No database at ${dbFile}.`);
  const secretFile = path.join(dataDir, SECRET_NAME);
  if (options.includeSecret && !fs.existsSync(secretFile))
    throw new AppError(
      "invalid_input",
      `--include-secret: no ${secretFile} (the secret comes from KEYDESK_SECRET; back that up where you set it).`,
    );

  const partial = `${target}.partial`;
  const snapshot = `${target}.db-partial`;
  try {
    const migrations = await copyDatabase(dbFile, snapshot, (pages, totalPages) =>
      options.onProgress?.({ stage: "database", pages, totalPages }),
    );
    const files = DATA_FOLDERS.flatMap((folder) => listFiles(dataDir, folder));
    const totalBytes = files.reduce((sum, relative) => sum + fs.statSync(path.join(dataDir, relative)).size, 0);
    let bytes = 0;
    const filesDone = (done: number) =>
      options.onProgress?.({ stage: "files", files: done, totalFiles: files.length, bytes, totalBytes });
    const manifest: TBackupManifest = {
      format: 1,
      createdAt: new Date().toISOString(),
      database: DATABASE_NAME,
      databaseBytes: fs.statSync(snapshot).size,
      files: files.length,
      migrations,
      includesSecret: Boolean(options.includeSecret),
    };
    const pack = tar.pack();
    const output = fs.createWriteStream(partial, { mode: 0o600 });
    const written = /\.(t?gz)$/i.test(target) ? pipeline(pack, createGzip(), output) : pipeline(pack, output);
    pack.entry({ name: MANIFEST_NAME }, JSON.stringify(manifest, null, 2));
    await addFile(pack, DATABASE_NAME, snapshot);
    filesDone(0);
    for (const [index, relative] of files.entries()) {
      bytes += await addFile(pack, relative, path.join(dataDir, relative));
      filesDone(index + 1);
    }
    if (options.includeSecret) await addFile(pack, SECRET_NAME, secretFile);
    pack.finalize();
    await written;
    fs.renameSync(partial, target);
    return manifest;
  } finally {
    fs.rmSync(partial, { force: true });
    fs.rmSync(snapshot, { force: true });
  }
}

/**
 * SQLite's online backup: a consistent snapshot however busy the writers are. It copies in steps
 * so the operator sees pages go by; a write by another connection between two steps restarts the
 * copy, and under steady load small steps might never finish — so after the first restart the rest
 * is copied in one step.
 */
async function copyDatabase(
  dbFile: string,
  snapshot: string,
  onPages: (pages: number, totalPages: number) => void,
): Promise<string[]> {
  const source = new Database(dbFile, { fileMustExist: true, timeout: 10_000 });
  try {
    let remainingBefore = Infinity;
    let restarted = false;
    const done = await source.backup(snapshot, {
      progress: ({ totalPages, remainingPages }) => {
        if (remainingPages >= remainingBefore) restarted = true;
        remainingBefore = remainingPages;
        onPages(totalPages - remainingPages, totalPages);
        return restarted ? ALL_PAGES : stepPages(totalPages);
      },
    });
    onPages(done.totalPages, done.totalPages); // the last step reports only to the promise
  } finally {
    source.close();
  }
  const copy = new Database(snapshot, { readonly: true });
  try {
    const rows = copy
      .prepare("SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY migration_name")
      .all() as { migration_name: string }[];
    return rows.map((row) => row.migration_name);
  } finally {
    copy.close();
  }
}

function listFiles(dataDir: string, folder: string): string[] {
  const root = path.join(dataDir, folder);
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dataDir, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"))
    .sort();
}

/** Adds `file` as `name`; returns the bytes written. */
async function addFile(pack: tar.Pack, name: string, file: string): Promise<number> {
  const { size } = fs.statSync(file);
  if (size === 0) {
    pack.entry({ name, size: 0, mode: 0o600 }, "");
    return 0;
  }
  // Exactly `size` bytes, even if the file grows meanwhile (a tar entry's size is fixed up front).
  await pipeline(fs.createReadStream(file, { end: size - 1 }), pack.entry({ name, size, mode: 0o600 }));
  return size;
}
