import { countRetentionDue, runRetention, type TRetentionResult } from "@/lib/retention/run-retention";
import { startProgress } from "@/lib/progress/progress-reporter";

const sum = (counts: TRetentionResult) => Object.values(counts).reduce((total, n) => total + n, 0);

/**
 * retention — runs the retention job now (the worker runs it every KEYDESK_RETENTION_INTERVAL_MINUTES),
 * e.g. after lowering a KEYDESK_KEEP_* setting: counts what is due, purges it in batches with a
 * progress bar on stderr (a line every few seconds when not on a terminal), then prints the rows
 * purged per table. Ctrl-C stops after the batch in flight; what was deleted stays deleted.
 */
export async function run(args: string[]): Promise<void> {
  if (args.length > 0) throw new Error(`retention takes no arguments (got "${args[0]}")`);
  const now = new Date();
  const stop = new AbortController();
  const onSignal = () => {
    if (stop.signal.aborted) process.exit(130);
    stop.abort();
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  const progress = startProgress({ label: "retention", unit: "rows", total: sum(await countRetentionDue(now)) });
  let purged: TRetentionResult;
  try {
    purged = await runRetention(now, { signal: stop.signal, onProgress: (done) => progress.update(sum(done)) });
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
  progress.finish(stop.signal.aborted ? "interrupted" : undefined);
  const perTable = Object.entries(purged)
    .map(([kind, n]) => `${kind} ${n}`)
    .join(", ");
  console.log(`Purged ${sum(purged)} rows: ${perTable}`);
}
