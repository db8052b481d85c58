// Licence keys: revealed only to their owner (checked in the data layer) and audited; revoked keys
// stay hidden; "e-mail me my keys" queues one mail per form key — even under 20 concurrent clicks —
// with exactly the buyer's active keys, and is rate-limited per buyer.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { getBuyerOrder } from "@/lib/orders/get-buyer-order";
import { ingestOrder } from "@/lib/orders/ingest-order";
import { revealLicenseKey, REVEAL_LIMIT } from "@/lib/licenses/reveal-license-key";
import { rateLimitKey } from "@/lib/ratelimit/consume";
import { resendLicenseKeys, RESEND_LIMIT } from "@/lib/licenses/resend-license-keys";
import { ZResendKeys, ZRevealKey } from "@/lib/licenses/schemas";
import { newIdempotencyKey, runOnce } from "@/lib/idempotency/run-once";
import { errorOf, meta, signedIn } from "../helpers/actors";
import { givenOrder, licenseKey } from "../helpers/fixtures";
import { queuedMails } from "../helpers/mails";

const keyMails = (to: string) => queuedMails({ kind: "license_keys.resent", to });

const KEY_PATTERN = /\d{5}-\d{5}-\d{5}-\d{5}/g;

describe("revealing a licence key", () => {
  it("returns the key to its owner and records it; another buyer's or a made-up key is not found", async () => {
    const mine = await givenOrder("reveal-owner@example.com");
    await givenOrder("reveal-thief@example.com");
    const owner = await signedIn("reveal-owner@example.com");
    const thief = await signedIn("reveal-thief@example.com");
    const keyId = (await getBuyerOrder(owner, { orderId: mine.orderId })).items[0]?.keys[0]?.id ?? "";

    const { value } = await revealLicenseKey(owner, { keyId }, meta({ ip: "192.0.2.10", userAgent: "vitest" }));
    expect(value).toBe(mine.payload.items[0]?.licenseKeys[0]);
    const audit = await db().auditEvent.findMany({ where: { action: "license_key.revealed", targetId: keyId } });
    expect(audit.map((a) => [a.customerId, a.actorType, a.actorId])).toEqual([
      [owner.customerId, "customer", owner.customerId],
    ]);

    for (const id of [keyId, "no-such-key", "x".repeat(64)]) {
      const error = await errorOf(revealLicenseKey(id === keyId ? thief : owner, { keyId: id }, meta()));
      expect(error.code).toBe("not_found");
      expect(error.message).toBe("There is no such licence key.");
    }
    // Malformed ids never reach lib: the action's schema refuses them.
    for (const id of ["", "x".repeat(500)]) expect(ZRevealKey.safeParse({ keyId: id }).success).toBe(false);
    const thiefTry = await errorOf(revealLicenseKey(thief, { keyId }, meta()));
    expect(thiefTry.message).toBe("There is no such licence key.");
    // Failed attempts reveal nothing and record no reveal.
    expect(await db().auditEvent.count({ where: { action: "license_key.revealed", targetId: keyId } })).toBe(1);
  });

  it("refuses a revoked key", async () => {
    const { orderId } = await givenOrder("revoked@example.com");
    const buyer = await signedIn("revoked@example.com");
    const key = (await getBuyerOrder(buyer, { orderId })).items[0]?.keys[0];
    await db().licenseKey.update({ where: { id: key?.id ?? "" }, data: { status: "revoked", revokedAt: new Date() } });
    expect((await getBuyerOrder(buyer, { orderId })).items[0]?.keys[0]?.status).toBe("revoked");
    const error = await errorOf(revealLicenseKey(buyer, { keyId: key?.id ?? "" }, meta()));
    expect(error.code).toBe("conflict");
    expect(error.message).toMatch(/revoked/);
    expect(
      await db().auditEvent.count({ where: { action: "license_key.revealed", customerId: buyer.customerId } }),
    ).toBe(0);
  });

  it("is rate-limited per buyer", async () => {
    const { orderId } = await givenOrder("reveal-many@example.com");
    const buyer = await signedIn("reveal-many@example.com");
    const keyId = (await getBuyerOrder(buyer, { orderId })).items[0]?.keys[0]?.id ?? "";
    await db().rateLimit.create({
      data: {
        key: rateLimitKey(REVEAL_LIMIT, buyer.customerId),
        count: REVEAL_LIMIT.max,
        resetAt: new Date(Date.now() + 600_000),
      },
    });
    const error = await errorOf(revealLicenseKey(buyer, { keyId }, meta()));
    expect(error.code).toBe("rate_limited");
    expect(error.message).toMatch(/Try again in 10 minutes/);
  });
});

describe("the order of an item's keys", () => {
  it("is the order the store delivered them in — on the page, in the mail and after a later delivery adds keys", async () => {
    // Keys of one delivery share createdAt; without a stored position they come back in index order.
    const delivered = Array.from({ length: 8 }, () => licenseKey());
    const order = await givenOrder("key-order@example.com", {
      items: [{ sku: "KO-1", name: "KeyOrder Pro", quantity: 8, unitAmount: 900, licenseKeys: delivered }],
    });
    const buyer = await signedIn("key-order@example.com");
    // As when the whole delivery lands within one millisecond: every key has the same createdAt.
    await db().licenseKey.updateMany({
      where: { orderItem: { orderId: order.orderId } },
      data: { createdAt: new Date("2026-11-01T10:00:00Z") },
    });
    const shownValues = async () => {
      const page = await getBuyerOrder(buyer, { orderId: order.orderId });
      const ids = page.items[0]?.keys.map((key) => key.id) ?? [];
      const values: string[] = [];
      for (const keyId of ids) values.push((await revealLicenseKey(buyer, { keyId }, meta())).value);
      return values;
    };
    expect(await shownValues()).toEqual(delivered);

    const later = [licenseKey(), licenseKey()];
    await ingestOrder(
      { ...order.payload, items: [{ ...order.payload.items[0]!, licenseKeys: [...delivered, ...later] }] },
      { type: "system", label: "test" },
    );
    expect(await shownValues()).toEqual([...delivered, ...later]);

    await resendLicenseKeys(buyer, { orderId: order.orderId, idempotencyKey: newIdempotencyKey() }, meta());
    const [mail] = await keyMails("key-order@example.com");
    expect(mail?.text.match(KEY_PATTERN)).toEqual([...delivered, ...later]);
  });
});

describe("e-mail me my keys", () => {
  it("mails exactly the active keys of this order — or of all the buyer's orders — to the address on file, with the audit event", async () => {
    const activeA = licenseKey();
    const revokedA = licenseKey();
    const orderA = await givenOrder("resend@example.com", {
      number: "R-1",
      items: [
        { sku: "PFS-1", name: "PixelForge Studio", quantity: 2, unitAmount: 4900, licenseKeys: [activeA, revokedA] },
        { sku: "PFS-FX", name: "PixelForge FX Pack", quantity: 1, unitAmount: 1900, licenseKeys: [] },
      ],
    });
    const activeB = licenseKey();
    await givenOrder("resend@example.com", {
      number: "R-2",
      items: [{ sku: "NB-1", name: "NoteBox", quantity: 1, unitAmount: 900, licenseKeys: [activeB] }],
    });
    const strangers = await givenOrder("resend-stranger@example.com");
    const buyer = await signedIn("resend@example.com");
    const revokedId = (await getBuyerOrder(buyer, { orderId: orderA.orderId })).items[0]?.keys[1]?.id ?? "";
    await db().licenseKey.update({ where: { id: revokedId }, data: { status: "revoked", revokedAt: new Date() } });

    expect(
      await resendLicenseKeys(
        buyer,
        { orderId: orderA.orderId, idempotencyKey: newIdempotencyKey() },
        meta({ ip: "192.0.2.1", userAgent: "vitest" }),
      ),
    ).toEqual({ keys: 1, orders: 1 });
    expect(await resendLicenseKeys(buyer, { idempotencyKey: newIdempotencyKey() }, meta())).toEqual({
      keys: 2,
      orders: 2,
    });

    const [one, all] = await keyMails("resend@example.com");
    expect(one?.subject).toBe("Your licence key");
    expect(one?.text.match(KEY_PATTERN)).toEqual([activeA]);
    expect(one?.text).toContain("Order R-1");
    expect(one?.text).toContain(`PixelForge Studio: ${activeA}`);
    expect(all?.subject).toBe("Your licence keys");
    expect(new Set(all?.text.match(KEY_PATTERN))).toEqual(new Set([activeA, activeB]));
    expect(all?.html).toContain(activeB);
    for (const mail of [one, all]) {
      expect(mail?.text).not.toContain(revokedA);
      expect(mail?.text).not.toContain(strangers.payload.items[0]?.licenseKeys[0]);
      expect(mail?.text).not.toContain("Test Buyer"); // no other personal data
    }
    const audit = await db().auditEvent.findMany({
      where: { action: "license_keys.resent", customerId: buyer.customerId },
      orderBy: { at: "asc" },
    });
    expect(audit.map((a) => (a.metadata as { scope: string; keys: number }).keys)).toEqual([1, 2]);
    expect(JSON.stringify(audit.map((a) => a.metadata))).not.toContain(activeA);
  });

  it("sends one mail for 20 concurrent submissions of the same form, and gives each the first answer", async () => {
    const { orderId } = await givenOrder("double-click@example.com");
    const buyer = await signedIn("double-click@example.com");
    const idempotencyKey = newIdempotencyKey();
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () => resendLicenseKeys(buyer, { orderId, idempotencyKey }, meta())),
    );
    expect(results.map((r) => (r.status === "fulfilled" ? r.value : String(r.reason)))).toEqual(
      Array.from({ length: 20 }, () => ({ keys: 1, orders: 1 })),
    );
    expect(await keyMails("double-click@example.com")).toHaveLength(1);
    expect(
      await db().auditEvent.count({ where: { action: "license_keys.resent", customerId: buyer.customerId } }),
    ).toBe(1);
    // Later repeats too; a new form key sends again.
    await resendLicenseKeys(buyer, { orderId, idempotencyKey }, meta());
    expect(await keyMails("double-click@example.com")).toHaveLength(1);
    await resendLicenseKeys(buyer, { orderId, idempotencyKey: newIdempotencyKey() }, meta());
    expect(await keyMails("double-click@example.com")).toHaveLength(2);
  });

  it("does not let another buyer use or replay a form key, nor mail another buyer's order", async () => {
    const mine = await givenOrder("key-owner@example.com");
    await givenOrder("key-other@example.com");
    const owner = await signedIn("key-owner@example.com");
    const other = await signedIn("key-other@example.com");
    const idempotencyKey = newIdempotencyKey();
    await resendLicenseKeys(owner, { orderId: mine.orderId, idempotencyKey }, meta());
    // Same form key, other buyer: scoped per customer, so it is their own (new) request…
    const error = await errorOf(resendLicenseKeys(other, { orderId: mine.orderId, idempotencyKey }, meta()));
    expect(error.code).toBe("not_found");
    expect(await keyMails("key-other@example.com")).toHaveLength(0);
    // …and the same key for a different request is refused.
    expect((await errorOf(resendLicenseKeys(owner, { idempotencyKey }, meta()))).code).toBe("conflict");
    // A malformed form key never reaches lib: the action's schema refuses it with a field error.
    const malformed = ZResendKeys.safeParse({ idempotencyKey: "short" });
    expect(malformed.error?.issues.map((issue) => [issue.path.join("."), issue.message])).toEqual([
      ["idempotencyKey", "Reload the page and try again."],
    ]);
  });

  it("is rate-limited per buyer with a clear wait time, and says when there is nothing to send", async () => {
    await givenOrder("flood@example.com");
    const buyer = await signedIn("flood@example.com");
    for (let i = 0; i < RESEND_LIMIT.max; i++)
      await resendLicenseKeys(buyer, { idempotencyKey: newIdempotencyKey() }, meta());
    const limited = await errorOf(resendLicenseKeys(buyer, { idempotencyKey: newIdempotencyKey() }, meta()));
    expect(limited.code).toBe("rate_limited");
    expect(limited.message).toMatch(/Try again in (60|59) minutes/);
    expect(await keyMails("flood@example.com")).toHaveLength(RESEND_LIMIT.max);

    const { orderId } = await givenOrder("keyless@example.com", {
      items: [{ sku: "DL-1", name: "Fonts", quantity: 1, unitAmount: 500, licenseKeys: [] }],
    });
    const keyless = await signedIn("keyless@example.com");
    const nothing = await errorOf(resendLicenseKeys(keyless, { orderId, idempotencyKey: newIdempotencyKey() }, meta()));
    expect(nothing.message).toBe("This order has no active licence keys to send.");
    expect(await keyMails("keyless@example.com")).toHaveLength(0);
  });
});

describe("runOnce", () => {
  it("releases the key when the work fails unexpectedly, so a retry runs", async () => {
    let calls = 0;
    const options = { key: `test:${newIdempotencyKey()}`, requestHash: "h", ttlSeconds: 60 };
    await expect(runOnce(options, () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await runOnce(options, () => Promise.resolve(++calls))).toBe(1);
    expect(await runOnce(options, () => Promise.resolve(++calls))).toBe(1);
    expect(calls).toBe(1);
  });

  it("runs again once the key has expired", async () => {
    let calls = 0;
    const options = { key: `test:${newIdempotencyKey()}`, requestHash: "h", ttlSeconds: 60 };
    await runOnce(options, () => Promise.resolve(++calls));
    await db().idempotencyKey.update({ where: { key: options.key }, data: { expiresAt: new Date(Date.now() - 1) } });
    expect(await runOnce(options, () => Promise.resolve(++calls))).toBe(2);
  });
});
