// Preloaded by the measuring tools only (node --import: bench/profile-lookup.ts, bench/query-plans.ts):
// counts the SQL statements better-sqlite3 runs, so the profile can say how many statements a request
// costs. Each SIGUSR2 writes the counts since the last one to $KEYDESK_SQL_COUNT_DIR/sql-<n>.json
// and starts again from zero; with
// KEYDESK_SQL_COUNT_ON_EXIT=1 each process also writes sql-exit-<pid>.json when it exits
// (bench/query-plans.ts, where every process of the group loads it). Changes no result: the
// original method runs unchanged after the count.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";

const dir = process.env.KEYDESK_SQL_COUNT_DIR;
if (dir) {
  const require = createRequire(import.meta.url);
  const Database = require("better-sqlite3");
  let counts = new Map();
  let dumps = 0;
  const count = (sql) => counts.set(sql, (counts.get(sql) ?? 0) + 1);
  // Executions, not compilations: lib/db/adapter.ts compiles each distinct statement once and
  // runs it again and again (BEGIN/COMMIT included, which the adapter runs as statements too).
  const probe = new Database(":memory:");
  const Statement = Object.getPrototypeOf(probe.prepare("SELECT 1"));
  probe.close();
  for (const method of ["run", "get", "all", "iterate"]) {
    const original = Statement[method];
    Statement[method] = function countedRun(...args) {
      count(String(this.source));
      return original.apply(this, args);
    };
  }
  const exec = Database.prototype.exec;
  Database.prototype.exec = function countedExec(sql, ...rest) {
    count(`(exec) ${String(sql)}`);
    return exec.call(this, sql, ...rest);
  };
  if (process.env.KEYDESK_SQL_COUNT_ON_EXIT === "1")
    process.on("exit", () =>
      fs.writeFileSync(path.join(dir, `sql-exit-${process.pid}.json`), JSON.stringify([...counts])),
    );
  process.on("SIGUSR2", () => {
    const sorted = [...counts].sort((a, b) => b[1] - a[1]);
    fs.writeFileSync(path.join(dir, `sql-${++dumps}.json`), JSON.stringify(sorted, null, 1));
    counts = new Map();
  });
}
