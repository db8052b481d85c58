import "server-only";
import fs from "node:fs";
import path from "node:path";
import { createGunzip } from "node:zlib";
import { pipeline } from "node:stream/promises";
import Database from "better-sqlite3";
import tar from "tar-stream";
import { storageLocation } from "@/lib/env";
import { AppError } from "@/lib/errors";
import {
  DATABASE_NAME,
  MANIFEST_NAME,
  ZBackupManifest,
  isAllowedEntry,
  type TBackupManifest,
} from "@/lib/backup/archive";

/** How far a restore got: entries written, and bytes of the archive read (of `totalBytes`). */
export interface TRestoreProgress {
  files: number;
  bytesRead: number;
  totalBytes: number;
}

interface TRestoreOptions {
  from: string;
  /** Called after each entry written (for the CLI's progress bar). */
  onProgress?: (progress: TRestoreProgress) => void;
}

/**
 * `restoreBackup({ from })` — operator task (CLI): unpacks an archive written by `createBackup`
 * into DATA_DIR, which must be empty or missing (a restore never mixes with live data), and the
 * database to where `DATABASE_URL` points (default DATA_DIR/keydesk.db). Only the names a backup
 * contains are accepted; the restored database must pass SQLite's integrity check.
 */
export async function restoreBackup(options: TRestoreOptions): Promise<TBackupManifest> {
  const { dataDir, databaseUrl } = storageLocation();
  if (!databaseUrl.startsWith("file:"))
    throw new AppError("invalid_input", "restore writes SQLite databases; on PostgreSQL use pg_restore (see README).");
  const dbFile = databaseUrl.slice("file:".length);
  if (!fs.existsSync(options.from)) throw new AppError("not_found", `No such file: ${options.from}`);
  if (fs.existsSync(dataDir) && fs.readdirSync(dataDir).length > 0)
    throw new AppError("conflict", `DATA_DIR ${dataDir} is not empty: restore only into an empty or new folder.`);
  if (fs.existsSync(dbFile)) throw new AppError("conflict", `A database already exists at ${dbFile}.`);
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  try {
    return await unpack(options, dataDir, dbFile);
  } catch (error) {
    // DATA_DIR was empty: whatever is in it now came from this failed restore.
    for (const entry of fs.readdirSync(dataDir)) fs.rmSync(path.join(dataDir, entry), { recursive: true, force: true });
    fs.rmSync(dbFile, { force: true });
    if (error instanceof AppError) throw error;
    throw new AppError(
      "invalid_input",
      `Cannot read ${options.from} as a Keydesk backup (${error instanceof Error ? error.message : String(error)}).`,
    );
  }
}

async function unpack(options: TRestoreOptions, dataDir: string, dbFile: string): Promise<TBackupManifest> {
  let manifest: TBackupManifest | undefined;
  let count = 0;
  const input = fs.createReadStream(options.from);
  const totalBytes = fs.statSync(options.from).size;
  const extract = tar.extract();
  extract.on("entry", (header, stream, next) => {
    const fail = (message: string) => {
      stream.resume();
      next(new AppError("invalid_input", message));
    };
    if (header.type !== "file") return fail(`Not a Keydesk backup: unexpected ${header.type} entry ${header.name}.`);
    if (!isAllowedEntry(header.name)) return fail(`Not a Keydesk backup: unexpected entry ${header.name}.`);
    if (header.name === MANIFEST_NAME) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: unknown) => {
        if (Buffer.isBuffer(chunk)) chunks.push(chunk);
      });
      stream.on("end", () => {
        const parsed = ZBackupManifest.safeParse(JSON.parse(Buffer.concat(chunks).toString("utf8")));
        if (!parsed.success) return next(new AppError("invalid_input", "Not a Keydesk backup: bad manifest."));
        manifest = parsed.data;
        next();
      });
      return;
    }
    const target = header.name === DATABASE_NAME ? dbFile : path.join(dataDir, ...header.name.split("/"));
    fs.mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 });
    pipeline(stream, fs.createWriteStream(target, { mode: 0o600, flags: "wx" })).then(() => {
      count += 1;
      options.onProgress?.({ files: count, bytesRead: input.bytesRead, totalBytes });
      next();
    }, next);
  });
  const compressed = await startsWithGzip(options.from);
  if (compressed) await pipeline(input, createGunzip(), extract);
  else await pipeline(input, extract);

  if (!manifest) throw new AppError("invalid_input", "Not a Keydesk backup: no manifest.");
  if (!fs.existsSync(dbFile)) throw new AppError("invalid_input", "Not a Keydesk backup: no database in the archive.");
  const restored = new Database(dbFile, { fileMustExist: true });
  try {
    const check = restored.pragma("quick_check", { simple: true });
    if (check !== "ok") throw new AppError("invalid_input", `The restored database is damaged (${String(check)}).`);
  } finally {
    restored.close();
  }
  return manifest;
}

async function startsWithGzip(file: string): Promise<boolean> {
  const handle = await fs.promises.open(file, "r");
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(2), 0, 2, 0);
    return bytesRead === 2 && buffer[0] === 0x1f && buffer[1] === 0x8b;
  } finally {
    await handle.close();
  }
}
