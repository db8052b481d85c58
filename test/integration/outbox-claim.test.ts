import { ENC } from "@/lib/crypto/contexts";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { encrypt } from "@/lib/crypto/encryption";
import { newId } from "@/lib/crypto/tokens";
import { enqueueMail } from "@/lib/mail/enqueue-mail";
import { claimOutboxBatch, claimOutboxRows, findDueOutboxIds } from "@/lib/outbox/claim-outbox-batch";
import { deliverableChannels } from "@/lib/outbox/channels";
import { markOutboxSent } from "@/lib/outbox/settle-outbox-message";
import { processOutboxBatch } from "@/lib/outbox/worker";
import { enqueueTask } from "@/lib/tasks/enqueue-task";

const channels = deliverableChannels();

async function enqueueMany(count: number, kind = "test.claim"): Promise<string[]> {
  return db().$transaction(async (tx) => {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const mail = { kind, to: `c${i}@example.com`, subject: `Claim ${i}`, text: "t", html: "<p>t</p>" };
      ids.push((await enqueueMail(tx, mail)).id);
    }
    return ids;
  });
}

async function resetClaims() {
  await db().outboxMessage.updateMany({ data: { claimToken: null, lockedUntil: null } });
}

describe("claiming outbox rows", () => {
  it("gives a row to exactly one of two workers that saw it as due", async () => {
    await enqueueMany(10);
    const seenByBoth = (await findDueOutboxIds({ channels, take: 50 })).map((r) => r.id);
    expect(seenByBoth).toHaveLength(10);
    const first = await claimOutboxRows({ ids: seenByBoth, channels });
    const second = await claimOutboxRows({ ids: seenByBoth, channels });
    expect(first).toHaveLength(10);
    expect(second).toEqual([]);
    expect(first[0]?.payloadEnc).toMatch(/^v1\./);
    expect(await findDueOutboxIds({ channels, take: 50 })).toEqual([]);
  });

  it("hands a crashed worker's rows to another once the lease has run out, and the old claim is void", async () => {
    const [stale] = await db().outboxMessage.findMany({ take: 1, select: { id: true, claimToken: true } });
    await db().outboxMessage.update({ where: { id: stale!.id }, data: { lockedUntil: new Date(Date.now() - 1) } });
    const oldClaim = {
      id: stale!.id,
      claimToken: stale!.claimToken,
      channel: "mail" as const,
      kind: "test.claim",
      payloadEnc: "",
      attempts: 0,
      maxAttempts: 8,
    };
    const taken = await claimOutboxRows({ ids: [stale!.id], channels });
    expect(taken.map((m) => m.id)).toEqual([stale!.id]);
    expect(taken[0]?.claimToken).not.toBe(stale!.claimToken);
    expect(await markOutboxSent(oldClaim, "smtp")).toBe(false);
    expect(await db().outboxMessage.findUniqueOrThrow({ where: { id: stale!.id } })).toMatchObject({
      status: "pending",
    });
  });

  it("skips rows that are not due yet and channels the claimer does not deliver", async () => {
    await db().outboxMessage.deleteMany();
    const [later] = await enqueueMany(1);
    await db().outboxMessage.update({ where: { id: later! }, data: { nextAttemptAt: new Date(Date.now() + 60_000) } });
    await db().outboxMessage.create({
      data: { id: newId(), channel: "webhook", kind: "refund.gateway", payloadEnc: encrypt("{}", ENC.outboxMail) },
    });
    // A claimer only takes the channels it names (the worker names those it has a deliverer for).
    expect(await claimOutboxBatch({ channels: ["mail"], limit: 10 })).toEqual({ messages: [], raced: false });
    expect(await db().outboxMessage.count({ where: { channel: "webhook", status: "pending", attempts: 0 } })).toBe(1);
    expect(await processOutboxBatch({ workerId: "test" })).toMatchObject({
      claimed: channels.includes("webhook") ? 1 : 0,
    });
  });

  it("never hands the same row to two of many concurrent claimers", async () => {
    await db().outboxMessage.deleteMany();
    const ids = await enqueueMany(150);
    const claimedBy = new Map<string, number>();
    const claimer = async (n: number) => {
      for (let idle = 0; idle < 3;) {
        const { messages, raced } = await claimOutboxBatch({ channels, limit: 7 });
        if (messages.length === 0 && !raced) idle++;
        for (const m of messages) {
          expect(claimedBy.get(m.id), `row claimed by ${claimedBy.get(m.id)} and ${n}`).toBeUndefined();
          claimedBy.set(m.id, n);
        }
      }
    };
    await Promise.all([1, 2, 3, 4, 5, 6].map(claimer));
    expect(new Set(claimedBy.keys())).toEqual(new Set(ids));
  });

  it("gives back the rows a stopping worker has not started", async () => {
    await resetClaims();
    const stopped = AbortSignal.abort();
    const result = await processOutboxBatch({ workerId: "stopping", limit: 5, signal: stopped });
    expect(result).toMatchObject({ claimed: 5, sent: 0, retried: 0, dead: 0 });
    expect(await db().outboxMessage.count({ where: { claimToken: { not: null } } })).toBe(0);
    expect(await db().outboxMessage.count({ where: { status: "pending", attempts: 0 } })).toBe(150);
  });

  it("claims look-ups and sign-in links (lane 0) before a backlog of older mail", async () => {
    await db().outboxMessage.deleteMany();
    await enqueueMany(60, "ticket.reply");
    // Older than every mail of the backlog but still behind it without lanes: queued last.
    await db().outboxMessage.updateMany({ data: { nextAttemptAt: new Date(Date.now() - 60_000) } });
    const urgent = await enqueueMany(3, "buyer.sign_in_link");
    const task = await enqueueTask("buyer.lookup", {
      email: "lane@example.com",
      requestedAt: new Date().toISOString(),
    });
    expect(await db().outboxMessage.count({ where: { lane: 0 } })).toBe(4);
    const { messages } = await claimOutboxBatch({ channels: ["mail", "task"], limit: 5 });
    const claimed = messages.map((m) => m.id);
    expect(claimed).toHaveLength(5);
    expect(claimed).toEqual(expect.arrayContaining([...urgent, task.id]));
    expect(messages.filter((m) => m.kind === "ticket.reply")).toHaveLength(1);
  });
});
