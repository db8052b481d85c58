import { env } from "@/lib/env";
import { newWorkerId, startOutboxWorker } from "@/lib/outbox/worker";
import { assertMailSetup } from "@/lib/system/check-mail-setup";

/** Runs the outbox worker (mail, tasks, webhooks, housekeeping) in this process until SIGINT or SIGTERM, then stops it cleanly. */
export async function run(args: string[]): Promise<void> {
  if (args.length > 0) throw new Error(`worker takes no arguments (got "${args[0]}")`);
  const config = env();
  assertMailSetup(config);
  const workerId = newWorkerId();
  const stopped = new Promise<NodeJS.Signals>((resolve) => {
    // `on`, not `once`: a second signal must not kill the worker while it hands back its rows.
    process.on("SIGINT", resolve);
    process.on("SIGTERM", resolve);
  });
  const worker = startOutboxWorker({ workerId });
  console.log(
    `keydesk: mail worker started, id ${workerId} (${config.databaseProvider === "sqlite" ? "SQLite" : "PostgreSQL"}, ` +
      `${config.smtpUrl ? "SMTP" : `dev mailbox in ${config.dataDir}/mail`})`,
  );
  const signal = await stopped;
  console.log(`keydesk: ${signal} received, finishing the mail in flight…`);
  await worker.stop();
  console.log("keydesk: mail worker stopped");
}
