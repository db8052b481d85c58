// enqueueTask writes its outbox row with one fixed statement instead of Prisma's model create: the
// row must be exactly what the model create wrote (ids, enums, defaults, the DateTime format the
// worker's claim compares), and the real worker must claim it, run it and deliver its mail.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { providerOf } from "@/lib/db/adapter";
import { env, resetEnvForTests } from "@/lib/env";
import { ENC } from "@/lib/crypto/contexts";
import { encrypt } from "@/lib/crypto/encryption";
import { newId } from "@/lib/crypto/tokens";
import { laneOf } from "@/lib/outbox/lanes";
import { enqueueTask } from "@/lib/tasks/enqueue-task";
import { requestSignInLink } from "@/lib/buyers/request-sign-in-link";
import { processOutboxBatch } from "@/lib/outbox/worker";
import { meta, nextIp } from "../helpers/actors";
import { givenOrder } from "../helpers/fixtures";
import { startSmtpSink, type TSmtpSink } from "../helpers/smtp-sink";

let sink: TSmtpSink;

beforeAll(async () => {
  sink = await startSmtpSink();
  process.env.SMTP_URL = sink.url;
  resetEnvForTests();
});

afterAll(async () => {
  await sink.stop();
  delete process.env.SMTP_URL;
  resetEnvForTests();
});

/** A row as the database holds it: every column as text, digits masked (the format, not the value). */
// SQLite stores dates as text, so their exact format matters (the worker compares them as text);
// PostgreSQL stores a timestamp and prints its fraction without trailing zeros (".12" for 120 ms),
// which would make the comparison depend on the clock.
function shapeOf(value: string): string {
  const postgres = providerOf(env().databaseUrl) === "postgres";
  return (postgres ? value.replace(/\.\d+/, ".f") : value).replace(/\d/g, "0");
}

async function storedShape(id: string): Promise<Record<string, string | null>> {
  const columns = [
    "id",
    "channel",
    "kind",
    "payloadEnc",
    "status",
    "attempts",
    "maxAttempts",
    "nextAttemptAt",
    "claimToken",
    "lockedUntil",
    "lastError",
    "transport",
    "sentAt",
    "createdAt",
    "lane",
  ];
  const [row] = await db().$queryRawUnsafe<Record<string, string | null>[]>(
    `SELECT ${columns.map((c) => `CAST("${c}" AS TEXT) AS "${c}"`).join(", ")} FROM "OutboxMessage" WHERE "id" = ${providerOf(env().databaseUrl) === "sqlite" ? "?" : "$1"}`,
    id,
  );
  if (!row) throw new Error(`no outbox row ${id}`);
  return Object.fromEntries(
    Object.entries(row).map(([column, value]) => [
      column,
      value === null ? null : ["id", "payloadEnc"].includes(column) ? `${value.length} chars` : shapeOf(value),
    ]),
  );
}

describe("enqueueTask (one fixed statement)", () => {
  it("stores exactly what Prisma's model create stored: columns, defaults and DateTime format", async () => {
    const kind = "buyer.lookup";
    const reference = newId();
    await db().outboxMessage.create({
      data: {
        id: reference,
        channel: "task",
        kind,
        payloadEnc: encrypt(JSON.stringify({ email: "shape@example.com" }), ENC.outboxTask),
        maxAttempts: env().mailMaxAttempts,
        lane: laneOf(kind),
      },
    });
    const { id } = await enqueueTask(kind, { email: "shape@example.com" });
    expect(await storedShape(id)).toEqual(await storedShape(reference));

    const [made, queued] = await Promise.all(
      [reference, id].map((one) => db().outboxMessage.findUniqueOrThrow({ where: { id: one } })),
    );
    expect(queued).toMatchObject({ channel: "task", kind, status: "pending", attempts: 0, lane: 0 });
    expect(queued?.nextAttemptAt).toEqual(queued?.createdAt);
    expect(Math.abs((queued?.createdAt.getTime() ?? 0) - Date.now())).toBeLessThan(60_000);
    expect(made?.maxAttempts).toBe(queued?.maxAttempts);
    // Their payloads are no look-up; the worker must not meet them below.
    await db().outboxMessage.deleteMany({ where: { id: { in: [reference, id] } } });
  });

  it("is claimed and run by the real worker, whose sign-in link reaches the SMTP server", async () => {
    const email = "enqueue-task@example.com";
    await givenOrder(email);
    await requestSignInLink({ email }, meta({ ip: nextIp() }));
    // First batch: the look-up task (claimed by its nextAttemptAt); then the mail it queued.
    for (let i = 0; i < 3 && !sink.messages.some((m) => m.to.includes(email)); i++)
      await processOutboxBatch({ workerId: "test" });
    const mail = await sink.waitFor((m) => m.to.includes(email), 10_000);
    expect(mail.text).toMatch(/token=/);
    expect(await db().outboxMessage.count({ where: { kind: "buyer.lookup", status: "sent" } })).toBe(1);
  });
});
