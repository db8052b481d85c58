import path from "node:path";
import { AppError } from "@/lib/errors";
import { importOrders, type TImportReport } from "@/lib/orders/import-orders";
import { startProgress } from "@/lib/progress/progress-reporter";

/**
 * orders:import FILE.csv|FILE.jsonl — imports every valid order and lists each rejected line, with a
 * progress bar (a line every few seconds when not on a terminal). Exit code 0 only when every order
 * was imported; with rejects the valid orders stay imported and the command ends non-zero with a
 * one-line summary (so scripts and cron notice). Ctrl-C (SIGINT, or SIGTERM) stops after the batch in
 * flight: what was committed stays, and running the same command again continues where it stopped
 * (orders already stored come out "unchanged", nothing is duplicated). A second Ctrl-C exits at once.
 */
export async function run(args: string[]): Promise<void> {
  const file = args.find((a) => !a.startsWith("--"));
  if (!file || args.length !== 1)
    throw new AppError("invalid_input", "Usage: npm run keydesk -- orders:import FILE.csv|FILE.jsonl");
  const stop = new AbortController();
  const onSignal = () => {
    if (stop.signal.aborted) process.exit(130);
    stop.abort();
    process.stderr.write("\norders:import: stopping after the current batch (Ctrl-C again to quit at once)…\n");
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  const progress = startProgress({ label: "orders:import", unit: "orders" });
  let report: TImportReport;
  try {
    report = await importOrders(path.resolve(file), {
      actor: { type: "system", label: "import" },
      signal: stop.signal,
      onProgress: ({ orders, bytesRead, totalBytes }) => progress.update(orders, bytesRead / Math.max(totalBytes, 1)),
    });
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
  progress.finish(report.interrupted ? "interrupted" : undefined);
  for (const { line, errors } of report.rejects) {
    const detail = Object.entries(errors)
      .map(([field, messages]) => `${field}: ${messages.join(", ")}`)
      .join("; ");
    console.error(`line ${line}: ${detail}`);
  }
  if (report.rejected > report.rejects.length) console.error(`… and more rejected lines not listed`);
  const counts = `${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged, ${report.rejected} rejected`;
  if (report.interrupted) {
    console.log(`Stopped ${path.basename(file)} after line ${report.lastLine}: ${counts}`);
    throw new Error(
      `Interrupted after line ${report.lastLine}; the orders up to it are stored. Run the same command again to continue (nothing is imported twice).`,
    );
  }
  console.log(`Imported ${path.basename(file)}: ${counts}`);
  if (report.rejected > 0) {
    throw new Error(`${report.rejected} order(s) rejected (see the lines above); the valid orders were imported`);
  }
}
