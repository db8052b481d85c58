import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { enqueueMail } from "@/lib/mail/enqueue-mail";
import { claimOutboxRows, findDueOutboxIds } from "@/lib/outbox/claim-outbox-batch";
import { deliverableChannels } from "@/lib/outbox/channels";
import { markOutboxSentMany, renewOutboxClaims } from "@/lib/outbox/settle-outbox-message";

const channels = deliverableChannels();

async function claimFresh(count: number) {
  await db().$transaction(async (tx) => {
    for (let i = 0; i < count; i++)
      await enqueueMail(tx, { kind: "test.settle", to: `s${i}@example.com`, subject: `S ${i}`, text: "t", html: "t" });
  });
  const ids = (await findDueOutboxIds({ channels, take: 100 })).map((r) => r.id);
  return claimOutboxRows({ ids, channels });
}

describe("settling many claimed outbox rows at once", () => {
  it("knows how long its claim lasts, renews many claims at once and refuses the lost ones", async () => {
    const claimed = await claimFresh(4);
    expect(claimed).toHaveLength(4);
    for (const m of claimed) expect(m.lockedUntil!.getTime()).toBeGreaterThan(Date.now() + 60_000);
    const [lost, ...kept] = claimed;
    // Another worker took one (its lease had run out): that one is no longer ours to renew or send.
    await db().outboxMessage.update({ where: { id: lost!.id }, data: { claimToken: "someone-else" } });
    expect(await renewOutboxClaims(claimed, 600_000)).toEqual([false, true, true, true]);
    const rows = await db().outboxMessage.findMany({ where: { id: { in: kept.map((m) => m.id) } } });
    for (const row of rows) expect(row.lockedUntil!.getTime()).toBeGreaterThan(Date.now() + 500_000);
  });

  it("marks the rows it holds sent in one go, counting the attempt, and answers false for the rest", async () => {
    const claimed = await claimFresh(3);
    const stolen = claimed[1]!;
    await db().outboxMessage.update({ where: { id: stolen.id }, data: { claimToken: "someone-else" } });
    const done = await markOutboxSentMany(claimed.map((message) => ({ message, transport: "smtp" })));
    expect(done).toEqual([true, false, true]);
    const rows = await db().outboxMessage.findMany({ where: { id: { in: claimed.map((m) => m.id) } } });
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const m of [claimed[0]!, claimed[2]!])
      expect(byId.get(m.id)).toMatchObject({ status: "sent", attempts: 1, transport: "smtp", claimToken: null });
    expect(byId.get(stolen.id)).toMatchObject({ status: "pending", attempts: 0, claimToken: "someone-else" });
  });
});
