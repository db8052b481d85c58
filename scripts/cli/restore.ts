import { parseArgs } from "node:util";
import { AppError } from "@/lib/errors";
import { restoreBackup } from "@/lib/backup/restore-backup";
import { startProgress } from "@/lib/progress/progress-reporter";

const USAGE = "Usage: npm run keydesk -- restore --from FILE  (into an empty DATA_DIR)";

/** restore — unpacks a backup into an empty DATA_DIR (SQLite), with a progress bar on stderr (files, time left from the archive's bytes). */
export async function run(args: string[]): Promise<void> {
  let values: { from?: string };
  try {
    values = parseArgs({ args, options: { from: { type: "string" } }, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new AppError("invalid_input", `${error instanceof Error ? error.message : "Bad arguments"}. ${USAGE}`);
  }
  if (!values.from) throw new AppError("invalid_input", USAGE);
  const progress = startProgress({ label: "restore", unit: "files" });
  const manifest = await restoreBackup({
    from: values.from,
    onProgress: ({ files, bytesRead, totalBytes }) => progress.update(files, bytesRead / Math.max(totalBytes, 1)),
  });
  progress.finish();
  console.log(`Restored the backup of ${manifest.createdAt} (${manifest.files} files).`);
  console.log(
    manifest.includesSecret
      ? "The master secret was restored into DATA_DIR/keydesk.secret."
      : "Now put the master secret in place (KEYDESK_SECRET, or DATA_DIR/keydesk.secret) before starting: without it the encrypted fields cannot be read.",
  );
}
