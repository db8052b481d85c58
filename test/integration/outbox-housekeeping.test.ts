// The worker's housekeeping tick: an erasure notice is the last place an erased address exists, so
// once the worker has delivered (or given up on) one, its row is deleted without anyone opening a page.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { resetEnvForTests } from "@/lib/env";
import { enqueueMail } from "@/lib/mail/enqueue-mail";
import { renderMail } from "../helpers/render-mail";
import { ERASURE_NOTICE_KIND, queueErasureNotice } from "@/lib/privacy/erasure-notice";
import { startOutboxWorker } from "@/lib/outbox/worker";
import { runOutboxHousekeeping } from "@/lib/outbox/run-housekeeping";

beforeAll(() => {
  delete process.env.SMTP_URL; // deliver into the dev mailbox
  resetEnvForTests();
});

async function notices() {
  return db().outboxMessage.findMany({ where: { kind: ERASURE_NOTICE_KIND }, select: { id: true, status: true } });
}

async function until(done: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe("outbox housekeeping", () => {
  it("purges delivered and dead erasure notices while the worker runs, and nothing else", async () => {
    await db().$transaction(async (tx) => {
      await queueErasureNotice(tx, { to: "gone@example.com", keepLicenseKeys: true });
      await enqueueMail(tx, {
        kind: "test.other",
        to: "stays@example.com",
        subject: "An ordinary mail",
        ...renderMail({ heading: "Hello", paragraphs: ["x"] }),
      });
    });
    // One notice the worker already gave up on, and one not due yet (it must survive until sent).
    await db().$transaction(async (tx) => {
      await queueErasureNotice(tx, { to: "dead@example.com", keepLicenseKeys: false });
      await queueErasureNotice(tx, { to: "later@example.com", keepLicenseKeys: false });
    });
    const rows = await db().outboxMessage.findMany({
      where: { kind: ERASURE_NOTICE_KIND },
      orderBy: { createdAt: "asc" },
      select: { id: true },
    });
    const [, deadId, laterId] = rows.map((r) => r.id);
    await db().outboxMessage.update({ where: { id: deadId }, data: { status: "dead", attempts: 8 } });
    await db().outboxMessage.update({
      where: { id: laterId },
      data: { nextAttemptAt: new Date(Date.now() + 3_600_000) },
    });

    const worker = startOutboxWorker({ intervalMs: 20, housekeepingMs: 40 });
    try {
      await until(async () => (await notices()).length === 1);
    } finally {
      await worker.stop();
    }
    // The pending notice is still there; the sent one and the dead one are gone.
    expect(await notices()).toEqual([{ id: laterId, status: "pending" }]);
    expect(await db().outboxMessage.findMany({ where: { kind: "test.other" }, select: { status: true } })).toEqual([
      { status: "sent" },
    ]);
  });

  it("reports what one tick purged, raw store deliveries past their retention included", async () => {
    await db().outboxMessage.updateMany({ where: { kind: ERASURE_NOTICE_KIND }, data: { status: "sent" } });
    await db().store.create({ data: { id: "hk-store", name: "Housekeeping shop", provider: "stripe" } });
    const event = (id: string, purgeAfter: Date) => ({
      id,
      storeId: "hk-store",
      providerEventId: id,
      type: "checkout.session.completed",
      outcome: "applied" as const,
      payloadEnc: "v1.sealed.payload",
      payloadPurgeAfter: purgeAfter,
    });
    await db().storeEvent.createMany({
      data: [event("evt-old", new Date(Date.now() - 1000)), event("evt-new", new Date(Date.now() + 86_400_000))],
    });

    expect(await runOutboxHousekeeping()).toEqual({ erasureNoticesPurged: 1, storePayloadsPurged: 1 });
    expect(await runOutboxHousekeeping()).toEqual({ erasureNoticesPurged: 0, storePayloadsPurged: 0 });
    const kept = await db().storeEvent.findMany({ orderBy: { id: "asc" }, select: { id: true, payloadEnc: true } });
    expect(kept).toEqual([
      { id: "evt-new", payloadEnc: "v1.sealed.payload" },
      { id: "evt-old", payloadEnc: null },
    ]);
  });
});
