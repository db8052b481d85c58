// npm run bench -- --only=import [--db=postgres] [--import=100000 --import-seconds=150]
//
// The `orders:import` case on its own, on SQLite or PostgreSQL: no web server and no build — the
// import is a CLI command, and in the full run the server sits idle while it runs. A fresh,
// migrated database (a SQLite file in a temporary DATA_DIR, or a new PostgreSQL database on
// $KEYDESK_BENCH_PG_URL's server, dropped afterwards), then the same generated JSON Lines file and
// the same time cap as the full run: orders/s over what was imported.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { baseEnv, TEST_KEYDESK_SECRET } from "../test/helpers/app-server";
import { createPostgresDatabase } from "../test/helpers/test-database";
import { runCliChecked, runImport, writeOrdersFile } from "./support/seed";
import { fmt, printTable, writeResults } from "./support/report";
import type { TOptions } from "./run";

/** The PostgreSQL server the bench may create (and drop) a database on; trust auth on this machine. */
const PG_ADMIN_URL = process.env.KEYDESK_BENCH_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/test";
const IMPORT_GOAL: Record<TOptions["db"], number> = { sqlite: 5_000, postgres: 2_000 };

/** A fresh database URL for the run and how to drop it. */
async function freshDatabase(db: TOptions["db"], dataDir: string): Promise<{ url: string; drop: () => Promise<void> }> {
  if (db === "sqlite") return { url: `file:${path.join(dataDir, "keydesk.db")}`, drop: async () => {} };
  return createPostgresDatabase("keydesk_bench", PG_ADMIN_URL);
}

export async function runImportOnly(options: TOptions): Promise<void> {
  const started = Date.now();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "keydesk-bench-import-"));
  const database = await freshDatabase(options.db, dataDir);
  try {
    const env = {
      ...baseEnv(),
      DATA_DIR: dataDir,
      DATABASE_URL: database.url,
      KEYDESK_SECRET: TEST_KEYDESK_SECRET,
      APP_URL: "http://localhost:3000",
      NODE_ENV: "production",
    };
    const target = { env, dataDir };
    await runCliChecked(target, ["migrate"]);
    console.log(
      `bench: orders:import alone on ${options.db === "sqlite" ? "SQLite" : "PostgreSQL"}, ` +
        `${os.cpus().length} CPUs, load average ${os.loadavg()[0]?.toFixed(1)}`,
    );
    const file = path.join(dataDir, "orders.jsonl");
    await writeOrdersFile(file, 0, options.importOrders);
    process.stdout.write(
      `bench: orders:import             ${options.importOrders.toLocaleString("en-US")} orders (cap ${options.importSeconds} s)… `,
    );
    const run = await runImport(target, file, options.importSeconds);
    console.log(
      `${run.ordersPerSecond.toFixed(0)} orders/s (${run.imported.toLocaleString("en-US")} in ${run.seconds.toFixed(0)} s${run.completed ? "" : ", capped"})`,
    );
    const goal = IMPORT_GOAL[options.db];
    const table = [
      {
        name: `orders:import, ${options.importOrders.toLocaleString("en-US")} JSONL, ${options.db}`,
        value: fmt.rps(run.ordersPerSecond).replace("req/s", "orders/s"),
        baseline: run.completed
          ? `all in ${run.seconds.toFixed(0)} s`
          : `capped: ${run.imported.toLocaleString("en-US")} in ${run.seconds.toFixed(0)} s`,
        ratio: "—",
        goal: `≥ ${goal.toLocaleString("en-US")} orders/s`,
        pass: run.ordersPerSecond >= goal,
      },
    ];
    console.log("");
    printTable(table);
    const results = writeResults(`import-${options.db}`, {
      at: new Date().toISOString(),
      machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, loadAverage: os.loadavg(), node: process.version },
      options,
      seconds: Math.round((Date.now() - started) / 1000),
      importRun: run,
      table,
    });
    console.log(
      `\nbench: ${Math.round((Date.now() - started) / 1000)} s; results in ${path.relative(process.cwd(), results)}`,
    );
  } finally {
    await database.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
