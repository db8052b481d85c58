import { parseArgs } from "node:util";
import { AppError } from "@/lib/errors";
import { createBackup, type TBackupProgress } from "@/lib/backup/create-backup";
import { secretNote } from "@/lib/backup/archive";
import { startProgress, type TProgress } from "@/lib/progress/progress-reporter";

const USAGE = "Usage: npm run keydesk -- backup --to FILE.tar[.gz] [--include-secret]";

/**
 * backup — a consistent copy of the SQLite database and DATA_DIR's files, while the portal runs,
 * with a progress bar on stderr (database pages, then files) or a line every few seconds.
 */
export async function run(args: string[]): Promise<void> {
  let values: { to?: string; "include-secret"?: boolean };
  try {
    values = parseArgs({
      args,
      options: { to: { type: "string" }, "include-secret": { type: "boolean" } },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    throw new AppError("invalid_input", `${error instanceof Error ? error.message : "Bad arguments"}. ${USAGE}`);
  }
  if (!values.to) throw new AppError("invalid_input", USAGE);
  const started = Date.now();
  const show = showProgress();
  const manifest = await createBackup({
    to: values.to,
    includeSecret: values["include-secret"],
    onProgress: show.update,
  });
  show.finish();
  console.log(
    `Backed up the database (${manifest.databaseBytes} bytes, ${manifest.migrations.length} migrations) and ${manifest.files} files to ${values.to} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  (manifest.includesSecret ? console.warn : console.log)(secretNote(manifest.includesSecret));
}

/** One bar per stage: the database's pages, then the files (time left from their bytes). */
function showProgress() {
  let database: TProgress | undefined;
  let files: TProgress | undefined;
  return {
    update: (progress: TBackupProgress) => {
      if (progress.stage === "database") {
        database ??= startProgress({ label: "backup database", unit: "pages", total: progress.totalPages });
        database.update(progress.pages, progress.pages / Math.max(progress.totalPages, 1));
        return;
      }
      if (!files) {
        database?.finish();
        files = startProgress({ label: "backup files", unit: "files", total: progress.totalFiles });
      }
      files.update(progress.files, progress.totalBytes > 0 ? progress.bytes / progress.totalBytes : undefined);
    },
    finish: () => files?.finish(),
  };
}
