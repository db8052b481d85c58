import { parseArgs } from "node:util";
import { AppError } from "@/lib/errors";
import { createBackup } from "@/lib/backup/create-backup";
import { secretNote } from "@/lib/backup/archive";

const USAGE = "Usage: npm run keydesk -- backup --to FILE.tar[.gz] [--include-secret]";

/** backup — a consistent copy of the SQLite database and DATA_DIR's files, while the portal runs. */
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
  const manifest = await createBackup({
    to: values.to,
    includeSecret: values["include-secret"],
    onProgress: (step) => console.log(`backup: ${step}`),
  });
  console.log(
    `Backed up the database (${manifest.databaseBytes} bytes, ${manifest.migrations.length} migrations) and ${manifest.files} files to ${values.to} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  (manifest.includesSecret ? console.warn : console.log)(secretNote(manifest.includesSecret));
}
