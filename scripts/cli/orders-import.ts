import path from "node:path";
import { AppError } from "@/lib/errors";
import { importOrders } from "@/lib/orders/import-orders";

/**
 * orders:import FILE.csv|FILE.jsonl — imports every valid order and lists each rejected line.
 * Exit code 0 only when every order was imported; with rejects the valid orders stay imported and
 * the command ends non-zero with a one-line summary (so scripts and cron notice).
 */
export async function run(args: string[]): Promise<void> {
  const file = args.find((a) => !a.startsWith("--"));
  if (!file || args.length !== 1)
    throw new AppError("invalid_input", "Usage: npm run keydesk -- orders:import FILE.csv|FILE.jsonl");
  const report = await importOrders(path.resolve(file), { type: "system", label: "import" });
  for (const { line, errors } of report.rejects) {
    const detail = Object.entries(errors)
      .map(([field, messages]) => `${field}: ${messages.join(", ")}`)
      .join("; ");
    console.error(`line ${line}: ${detail}`);
  }
  if (report.rejected > report.rejects.length) console.error(`… and more rejected lines not listed`);
  console.log(
    `Imported ${path.basename(file)}: ${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged, ${report.rejected} rejected`,
  );
  if (report.rejected > 0) {
    throw new Error(`${report.rejected} order(s) rejected (see the lines above); the valid orders were imported`);
  }
}
