// npx tsx --conditions=react-server bench/query-plans.ts
//
// Which statements of the measured paths read a whole table? Starts Keydesk like the bench does, with
// the count-sql preload (bench/support/count-sql.mjs) in every process, imports a few hundred orders,
// drives the paths the scale mode measures — a look-up (and the worker's look-up task), the buyer's
// orders page, the agent's three searches, the ticket inbox — then prints each distinct SELECT the
// server and the worker ran with SQLite's EXPLAIN QUERY PLAN, flagging full scans. A plan depends on
// the schema and SQLite's heuristics (Keydesk never runs ANALYZE), not on how many rows there are, so
// a small database shows what 1M orders will do.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import Database from "better-sqlite3";
import { prepareVisitors, sealAgentSearches, startFixture, withCookie } from "./support/fixture";
import { runImport, sqliteFileOf, writeOrdersFile } from "./support/seed";
import { startWorker } from "./support/sessions";

const TABLES = /`main`\.`(Order|OrderItem|LicenseKey|Customer|Ticket|AuditEvent|OutboxMessage|RateLimit)`/;

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "keydesk-plans-"));
  const preload = pathToFileURL(path.join(import.meta.dirname, "support/count-sql.mjs")).href;
  const fixture = await startFixture({
    env: { NODE_OPTIONS: `--import=${preload}`, KEYDESK_SQL_COUNT_DIR: dir, KEYDESK_SQL_COUNT_ON_EXIT: "1" },
  });
  const plans: { sql: string; plan: string[] }[] = [];
  let stopped = false;
  try {
    const { server } = fixture;
    await writeOrdersFile(path.join(dir, "orders.jsonl"), 0, 300);
    await runImport(server, path.join(dir, "orders.jsonl"), 300);
    const sessions = await prepareVisitors(fixture, 0);
    const worker = await startWorker(server);
    try {
      const get = (request: { path: string; headers?: Record<string, string> }) =>
        fetch(`${server.url}${request.path}`, { headers: request.headers }).then((r) => r.arrayBuffer());
      await get(withCookie("/orders", sessions.buyer));
      const searches = await sealAgentSearches(server, sessions.agent, [10]);
      for (const paths of Object.values(searches))
        for (const search of paths) await get(withCookie(search, sessions.agent));
      for (const view of ["", "?view=unverified", "?view=solved"])
        await get(withCookie(`/agent/tickets${view}`, sessions.agent));
    } finally {
      await worker.stop();
    }
    // The schema, copied into memory before the fixture removes the file; then stop the server and
    // worker so that their preloads write the statements they ran.
    const live = new Database(sqliteFileOf(server), { readonly: true });
    const schema = live
      .prepare<[], string>("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%'")
      .pluck()
      .all();
    live.close();
    const db = new Database(":memory:");
    for (const statement of schema) db.exec(statement);
    stopped = true;
    await fixture.stop();
    const seen = new Set<string>();
    for (const file of fs.readdirSync(dir).filter((f) => f.startsWith("sql-exit-"))) {
      for (const [sql] of JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")) as [string, number][]) {
        if (!/^\s*SELECT/i.test(sql) || !TABLES.test(sql) || seen.has(sql)) continue;
        seen.add(sql);
        const params = (sql.match(/\?/g) ?? []).map(() => 1);
        const plan = db
          .prepare<unknown[], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
          .all(...params)
          .map((row) => row.detail);
        plans.push({ sql, plan });
      }
    }
    db.close();
  } finally {
    if (!stopped) await fixture.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const scans = plans.filter((p) =>
    p.plan.some((line) => /^SCAN (main\.)?(Order|OrderItem|LicenseKey|Customer|Ticket|AuditEvent)\b/.test(line)),
  );
  console.log(`${plans.length} distinct SELECTs on the measured paths; ${scans.length} read a whole table:\n`);
  for (const { sql, plan } of scans) {
    console.log(
      sql
        .replace(/`main`\./g, "")
        .replace(/`/g, "")
        .slice(0, 600),
    );
    for (const line of plan) console.log(`    ${/^SCAN/.test(line) ? "!!" : "  "} ${line}`);
    console.log("");
  }
}

main().catch((error: unknown) => {
  console.error(`query-plans: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
