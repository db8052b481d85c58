// npm run demo — loads realistic demo data through the same path as the order webhook
// (ingestOrder), plus a small demo download for PixelForge Studio. Safe to run again: orders and
// the file are idempotent and dates stay anchored to the first run.
import { disconnectDb } from "@/lib/db";
import { env } from "@/lib/env";
import { prepareDatabase } from "@/lib/system/prepare-database";
import { loadDemo } from "@/scripts/demo-data/load-demo";
import { DEMO_BUYERS_TO_TRY } from "@/scripts/demo-data/demo-orders";

async function main() {
  await prepareDatabase();
  const { counts, file } = await loadDemo();
  const where = env().databaseProvider === "sqlite" ? env().databaseUrl.replace(/^file:/, "") : "PostgreSQL";
  console.log(
    `Demo orders in ${where}: ${counts.created} created, ${counts.updated} updated, ${counts.unchanged} unchanged`,
  );
  console.log(`Demo download: ${file.fileName} (${file.size} bytes) for ${file.sku} — ${file.result}`);
  console.log("Buyers to try on /lookup (the sign-in link lands in the dev mailbox):");
  for (const buyer of DEMO_BUYERS_TO_TRY) console.log(`  ${buyer.email} — ${buyer.why}`);
}

main()
  .then(() => disconnectDb())
  .then(() => process.exit(0))
  .catch(async (error: unknown) => {
    // Prisma messages start with blank lines; show the last non-empty line (the actual cause).
    const lines = (error instanceof Error ? error.message : String(error)).split("\n").filter((l) => l.trim() !== "");
    console.error(`demo: ${lines.at(-1) ?? "failed"}`);
    await disconnectDb().catch(() => undefined);
    process.exit(1);
  });
