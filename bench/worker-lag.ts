// npx tsx --conditions=react-server bench/worker-lag.ts [--backlog=5000 --seconds=60 --rate=5]
//
// Does a sign-in link arrive in time when the worker is busy? Starts Keydesk like the bench does
// (worker off), imports buyers, queues a backlog of other mail (ticket replies, through the real
// enqueueMail with the server's secret, so the worker can read them), starts `keydesk worker`, and
// for `--seconds` sends `--rate` look-ups per second for known buyers (each its own client IP and
// address). Prints the lag from each look-up request to its sign-in mail reaching the local SMTP
// server (p50, p99, max; goal: all under 1 minute, the link lives longer) and the worker's mails/s
// while it drains the backlog (goal ≥ 200).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startFixture } from "./support/fixture";
import { buyerEmail, ipOf, runImport, sqliteFileOf, writeOrdersFile } from "./support/seed";
import { startWorker } from "./support/sessions";
import { writeResults } from "./support/report";

function option(name: string, fallback: number): number {
  const raw = process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const value = raw === undefined ? fallback : Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
}

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;

async function main() {
  const backlog = option("backlog", 5_000);
  const seconds = option("seconds", 60);
  const rate = option("rate", 5);
  const lookups = Math.round(seconds * rate);
  const fixture = await startFixture();
  const { server, smtp } = fixture;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "keydesk-bench-lag-"));
  try {
    const file = path.join(tmp, "orders.jsonl");
    await writeOrdersFile(file, 0, lookups * 2);
    await runImport(server, file, 3_600);

    // The backlog, queued the way the application queues mail (same secret: the worker decrypts it).
    Object.assign(process.env, server.env, { DATABASE_URL: `file:${sqliteFileOf(server)}` });
    const { db, disconnectDb } = await import("../lib/db");
    const { enqueueMail } = await import("../lib/mail/enqueue-mail");
    for (let start = 0; start < backlog; start += 500) {
      await db().$transaction(async (tx) => {
        for (let i = start; i < Math.min(backlog, start + 500); i++)
          await enqueueMail(tx, {
            kind: "ticket.reply",
            to: `backlog${i}@example.com`,
            subject: `Re: your ticket ${i}`,
            text: "A reply to your ticket.",
            html: "<p>A reply to your ticket.</p>",
          });
      });
    }
    await disconnectDb();
    console.log(`worker-lag: ${backlog.toLocaleString("en-US")} mails queued; ${lookups} look-ups over ${seconds} s`);

    const worker = await startWorker(server);
    const lags: number[] = [];
    const waits: Promise<void>[] = [];
    const drainStart = performance.now();
    try {
      for (let i = 0; i < lookups; i++) {
        const email = buyerEmail(i);
        smtp.watch(email);
        const sentAt = performance.now();
        const response = await fetch(`${server.url}/api/v1/lookup`, {
          method: "POST",
          headers: { "content-type": "application/json", "x-forwarded-for": ipOf(300_000 + i) },
          body: JSON.stringify({ email }),
        });
        if (response.status >= 300) throw new Error(`look-up ${i}: ${response.status} ${await response.text()}`);
        waits.push(
          smtp.waitForMail(email, 300_000).then(
            () => void lags.push(performance.now() - sentAt),
            () => void lags.push(Infinity),
          ),
        );
        const next = drainStart + ((i + 1) * 1000) / rate;
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, next - performance.now())));
      }
      await Promise.all(waits);
      await smtp.waitForCount(backlog + lookups, 600_000);
    } finally {
      await worker.stop();
    }
    const drainSeconds = (performance.now() - drainStart) / 1000;
    const sorted = [...lags].sort((a, b) => a - b);
    const arrivals = smtp.arrivals.filter((t) => t >= drainStart);
    const mailsPerSecond = arrivals.length / Math.max(((arrivals.at(-1) ?? drainStart) - drainStart) / 1000, 1e-3);
    const result = {
      backlog,
      lookups,
      lagMs: { p50: quantile(sorted, 0.5), p99: quantile(sorted, 0.99), max: sorted.at(-1) },
      mailsPerSecond,
      drainSeconds,
      loadAverage: os.loadavg(),
    };
    const s = (ms: number | undefined) =>
      ms === undefined || !Number.isFinite(ms) ? "never" : `${(ms / 1000).toFixed(1)} s`;
    console.log(
      `worker-lag: sign-in mail lag p50 ${s(result.lagMs.p50)}, p99 ${s(result.lagMs.p99)}, max ${s(result.lagMs.max)} ` +
        `(goal < 60 s); ${mailsPerSecond.toFixed(0)} mails/s over ${arrivals.length.toLocaleString("en-US")} mails (goal ≥ 200); ` +
        `load average ${os
          .loadavg()
          .map((l) => l.toFixed(1))
          .join(" ")}`,
    );
    console.log(`worker-lag: results in ${path.relative(process.cwd(), writeResults("worker-lag", result))}`);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
    await fixture.stop();
  }
}

main().catch((error: unknown) => {
  console.error(`worker-lag: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
