// The benchmark's output: one table row per measured figure — its value, the same-run baseline it is
// compared with, the ratio, the goal from issue 11 and whether it is met — and the JSON file under
// bench/results/ with every raw number.
import fs from "node:fs";
import path from "node:path";

export interface TRow {
  name: string;
  value: string;
  baseline: string;
  ratio: string;
  goal: string;
  /** null: no goal for this row (reported for comparison only). */
  pass: boolean | null;
}

export const fmt = {
  rps: (n: number) => `${n >= 100 ? Math.round(n).toLocaleString("en-US") : n.toFixed(1)} req/s`,
  ms: (n: number) => `${n >= 10 ? Math.round(n) : n.toFixed(2)} ms`,
  ratio: (n: number) =>
    Number.isFinite(n) ? `${n >= 10 ? n.toFixed(0) : n >= 0.095 ? n.toFixed(2) : n.toPrecision(2)}×` : "—",
};

export function printTable(rows: TRow[]): void {
  const header = ["case", "value", "baseline (same run)", "ratio", "goal (issue 11)", "result"];
  const cells = rows.map((r) => [
    r.name,
    r.value,
    r.baseline,
    r.ratio,
    r.goal,
    r.pass === null ? "—" : r.pass ? "pass" : "FAIL",
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((row) => (row[i] ?? "").length)));
  const line = (row: string[]) =>
    row
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd();
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const row of cells) console.log(line(row));
}

/** Writes `data` to bench/results/<mode>-<time>.json and returns the path. */
export function writeResults(mode: string, data: unknown): string {
  const dir = path.resolve(import.meta.dirname, "../results");
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${mode}-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
  fs.writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
  return file;
}
