// Acceptance test of issue 2: two `keydesk worker` processes sending 1,000 queued mails to a real
// SMTP server deliver each exactly once, also when the SMTP server is down for a while in between.
// Runs on PostgreSQL (KEYDESK_TEST_DB=postgres / npm run test:pg, as CI does) and, smaller, on SQLite.
import path from "node:path";
import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { resetEnvForTests } from "@/lib/env";
import { enqueueMail } from "@/lib/mail/enqueue-mail";
import { renderMail } from "../helpers/render-mail";
import { startSmtpSink, type TSmtpSink } from "../helpers/smtp-sink";

const ROOT = path.resolve(import.meta.dirname, "../..");
// The figure on PostgreSQL; fewer on SQLite, where it only guards the embedded default and
// `npm test` should stay quick.
const TOTAL = process.env.KEYDESK_TEST_DB === "postgres" ? 1_000 : 300;
const OUTAGE_MS = 3_000;

interface TWorkerProcess {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

const workers: TWorkerProcess[] = [];
let sink: TSmtpSink | undefined;

afterAll(async () => {
  for (const w of workers) if (w.child.exitCode === null) w.child.kill("SIGKILL");
  await sink?.stop();
});

function spawnWorker(smtpUrl: string): TWorkerProcess {
  const child = spawn(
    path.join(ROOT, "node_modules/.bin/tsx"),
    ["--conditions=react-server", "scripts/keydesk.ts", "worker"],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: process.env.DATABASE_URL,
        DATA_DIR: process.env.DATA_DIR,
        KEYDESK_SECRET: process.env.KEYDESK_SECRET,
        KEYDESK_RETRY_BASE_MS: "50",
        SMTP_URL: smtpUrl,
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const worker = { child, output: () => output, exited };
  workers.push(worker);
  return worker;
}

async function until(
  check: () => Promise<boolean> | boolean,
  timeoutMs: number,
  what: string,
  diagnostics: () => string,
) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${diagnostics()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function enqueueAll(): Promise<string[]> {
  // Rows keep the attempt limit they were queued with: enough to ride out the outage below.
  process.env.KEYDESK_MAIL_MAX_ATTEMPTS = "20";
  resetEnvForTests();
  const ids: string[] = [];
  for (let start = 0; start < TOTAL; start += 100) {
    await db().$transaction(async (tx) => {
      for (let i = start; i < start + 100; i++) {
        const content = renderMail({ heading: `Mail ${i}`, paragraphs: [`This is mail number ${i}.`] });
        ids.push(
          (await enqueueMail(tx, { kind: "test.bulk", to: `buyer${i}@example.com`, subject: `Mail ${i}`, ...content }))
            .id,
        );
      }
    });
  }
  delete process.env.KEYDESK_MAIL_MAX_ATTEMPTS;
  resetEnvForTests();
  return ids;
}

describe("two keydesk worker processes", () => {
  it(`deliver ${TOTAL} queued mails exactly once, across an SMTP outage`, { timeout: 90_000 }, async () => {
    const smtp = await startSmtpSink();
    sink = smtp;
    const ids = await enqueueAll();
    const [a, b] = [spawnWorker(smtp.url), spawnWorker(smtp.url)];
    const logs = () =>
      `worker A:\n${a.output().slice(-2000)}\nworker B:\n${b.output().slice(-2000)}\nreceived ${smtp.messages.length}`;

    await until(
      () => /mail worker started/.test(a.output()) && /mail worker started/.test(b.output()),
      30_000,
      "both workers to start",
      logs,
    );
    await until(() => smtp.messages.length >= TOTAL / 4, 30_000, "the first quarter of the mail", logs);

    // The SMTP server goes down for a while with most of the mail still queued.
    await smtp.stop();
    const receivedBeforeOutage = smtp.messages.length;
    await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
    const failedDuringOutage = await db().outboxMessage.count({ where: { status: "pending", attempts: { gt: 0 } } });
    await smtp.start();

    const sent = () => db().outboxMessage.count({ where: { status: "sent" } });
    await until(async () => (await sent()) === TOTAL, 60_000, "all rows to be sent", logs);
    await until(() => smtp.messages.length >= TOTAL, 5_000, "the sink to parse every mail", logs);

    a.child.kill("SIGTERM");
    b.child.kill("SIGTERM");
    expect(await a.exited).toBe(0);
    expect(await b.exited).toBe(0);

    // Each Message-ID arrived exactly once, for exactly the rows that were queued.
    const received = new Map<string, number>();
    for (const m of smtp.messages) received.set(m.messageId, (received.get(m.messageId) ?? 0) + 1);
    const duplicates = [...received].filter(([, n]) => n > 1);
    expect(duplicates).toEqual([]);
    expect(smtp.messages).toHaveLength(TOTAL);
    expect(new Set(received.keys())).toEqual(new Set(ids.map((id) => `<${id}@keydesk>`)));
    for (const m of smtp.messages)
      expect(m.envelopeTo).toEqual([`buyer${m.subject.slice("Mail ".length)}@example.com`]);

    // The outage really happened mid-run, was seen by both processes and was ridden out by retries.
    expect(receivedBeforeOutage).toBeLessThan(TOTAL);
    expect(failedDuringOutage).toBeGreaterThan(0);
    expect(a.output()).toContain("outbox delivery failed, will retry");
    expect(b.output()).toContain("outbox delivery failed, will retry");
    expect(await db().outboxMessage.count({ where: { status: { not: "sent" } } })).toBe(0);
    expect(await db().outboxMessage.count({ where: { attempts: { gt: 1 } } })).toBeGreaterThan(0);
  });
});
