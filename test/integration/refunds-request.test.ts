// Buyer refund requests: each product's refund window, refused for refunded items and other buyers'
// orders, ONE request per item under 20 concurrent identical submissions (and racing tabs), card
// numbers redacted and the note encrypted, cancel frees the items, duplicate purchases suggested.
import { ENC } from "@/lib/crypto/contexts";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { decrypt } from "@/lib/crypto/encryption";
import { newIdempotencyKey } from "@/lib/idempotency/run-once";
import { decryptOutboxMail } from "@/lib/mail/decrypt-outbox-mail";
import { requestRefund } from "@/lib/refunds/request-refund";
import { cancelRefund } from "@/lib/refunds/cancel-refund";
import { getRefundPanel } from "@/lib/refunds/get-refund-panel";
import { ZRefundRequestForm } from "@/lib/refunds/schemas";
import { fieldErrorsOf } from "@/lib/errors";
import { formDataObject } from "@/lib/http/form-fields";
import { errorOf, meta, signedIn } from "../helpers/actors";
import { givenOrder, licenseKey } from "../helpers/fixtures";

const DAY = 86_400_000;

async function itemIdsOf(orderId: string): Promise<string[]> {
  const items = await db().orderItem.findMany({
    where: { orderId },
    orderBy: { position: "asc" },
    select: { id: true },
  });
  return items.map((i) => i.id);
}

function twoItems(skuA: string, skuB: string) {
  return [
    { sku: skuA, name: `Product ${skuA}`, quantity: 1, unitAmount: 4900, licenseKeys: [licenseKey()] },
    { sku: skuB, name: `Product ${skuB}`, quantity: 2, unitAmount: 1500, licenseKeys: [licenseKey(), licenseKey()] },
  ];
}

describe("refund windows", () => {
  it("accepts items inside their product's window and refuses those outside, with a route to support", async () => {
    const order = await givenOrder("window@example.com", {
      placedAt: new Date(Date.now() - 40 * DAY).toISOString(),
      items: twoItems("WIN-30", "WIN-60"),
    });
    await db().product.update({ where: { sku: "WIN-60" }, data: { refundWindowDays: 60 } });
    const buyer = await signedIn("window@example.com");
    const [item30, item60] = await itemIdsOf(order.orderId);

    const panel = await getRefundPanel(buyer, { orderId: order.orderId });
    expect(panel.items.map((i) => [i.windowDays, i.blocked])).toEqual([
      [30, "window_passed"],
      [60, null],
    ]);
    expect(panel.supportUrl).toBe(`/support/new?order=${order.number}&category=refund`);

    const outside = await errorOf(
      requestRefund(
        buyer,
        {
          orderId: order.orderId,
          itemIds: [item30 ?? ""],
          reason: "not_working",
          note: "",
          idempotencyKey: newIdempotencyKey(),
        },
        meta(),
      ),
    );
    expect(outside.code).toBe("conflict");
    expect(outside.message).toContain("30-day refund window for Product WIN-30 has passed");
    expect(outside.message).toContain(`/support/new?order=${order.number}&category=refund`);
    expect(await db().refundRequest.count({ where: { orderId: order.orderId } })).toBe(0);

    const inside = await requestRefund(
      buyer,
      {
        orderId: order.orderId,
        itemIds: [item60 ?? ""],
        reason: "not_working",
        note: "",
        idempotencyKey: newIdempotencyKey(),
      },
      meta(),
    );
    expect(inside.created).toBe(true);
    const stored = await db().refundRequest.findUniqueOrThrow({
      where: { id: inside.refundId },
      include: { items: true },
    });
    expect([stored.status, stored.amount, stored.items.map((i) => i.activeItemId)]).toEqual([
      "pending",
      3000,
      [item60],
    ]);
  });
});

describe("one request per item", () => {
  it("turns 20 concurrent identical submissions into one request, one mail and one answer", async () => {
    const order = await givenOrder("twenty@example.com", { items: twoItems("TW-A", "TW-B") });
    const buyer = await signedIn("twenty@example.com");
    const itemIds = await itemIdsOf(order.orderId);
    const request = {
      orderId: order.orderId,
      itemIds,
      reason: "duplicate" as const,
      note: "Bought twice",
      idempotencyKey: newIdempotencyKey(),
    };
    const results = await Promise.all(Array.from({ length: 20 }, () => requestRefund(buyer, request, meta())));
    expect(new Set(results.map((r) => r.refundId)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(20); // every repeat replays the first answer
    expect(await db().refundRequest.count({ where: { orderId: order.orderId } })).toBe(1);
    expect(await db().refundItem.count({ where: { orderItemId: { in: itemIds } } })).toBe(2);
    const mails = (
      await db().outboxMessage.findMany({ where: { kind: "refund.received" }, omit: { payloadEnc: false } })
    )
      .map((m) => decryptOutboxMail(m.payloadEnc))
      .filter((m) => m.to === "twenty@example.com");
    expect(mails).toHaveLength(1);
    expect(mails[0]?.text).toContain(`order ${order.number}`);
    expect(mails[0]?.text).not.toMatch(/Product TW|49\.00|Bought twice/);
  });

  it("gives racing submissions with different form keys (two tabs) the one request that won", async () => {
    const order = await givenOrder("tabs@example.com", { items: twoItems("TAB-A", "TAB-B") });
    const buyer = await signedIn("tabs@example.com");
    const itemIds = await itemIdsOf(order.orderId);
    const results = await Promise.all(
      Array.from({ length: 6 }, () =>
        requestRefund(
          buyer,
          { orderId: order.orderId, itemIds, reason: "other", note: "", idempotencyKey: newIdempotencyKey() },
          meta(),
        ),
      ),
    );
    expect(new Set(results.map((r) => r.refundId)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await db().refundRequest.count({ where: { orderId: order.orderId } })).toBe(1);

    // Asking again for one of those items hands back the live request instead of a second one.
    const again = await requestRefund(
      buyer,
      {
        orderId: order.orderId,
        itemIds: [itemIds[0] ?? ""],
        reason: "other",
        note: "",
        idempotencyKey: newIdempotencyKey(),
      },
      meta(),
    );
    expect(again).toEqual({ refundId: results[0]?.refundId, created: false });
    expect(await db().refundRequest.count({ where: { orderId: order.orderId } })).toBe(1);
  });

  it("lets the buyer cancel a pending request, which frees its items; a second cancel is harmless", async () => {
    const order = await givenOrder("cancel@example.com");
    const buyer = await signedIn("cancel@example.com");
    const other = await signedIn((await givenOrder("cancel-other@example.com")).payload.customer.email);
    const itemIds = await itemIdsOf(order.orderId);
    const first = await requestRefund(
      buyer,
      { orderId: order.orderId, itemIds, reason: "other", note: "", idempotencyKey: newIdempotencyKey() },
      meta(),
    );
    expect((await errorOf(cancelRefund(other, { refundId: first.refundId }, meta()))).code).toBe("not_found");
    await cancelRefund(buyer, { refundId: first.refundId }, meta());
    await cancelRefund(buyer, { refundId: first.refundId }, meta());
    expect(
      (await db().refundItem.findFirstOrThrow({ where: { refundRequestId: first.refundId } })).activeItemId,
    ).toBeNull();
    const again = await requestRefund(
      buyer,
      { orderId: order.orderId, itemIds, reason: "other", note: "", idempotencyKey: newIdempotencyKey() },
      meta(),
    );
    expect(again.created).toBe(true);
    expect(again.refundId).not.toBe(first.refundId);
  });
});

describe("what is refused", () => {
  it("refuses another buyer's order, foreign items and items the store already refunded", async () => {
    const mine = await givenOrder("owner-r@example.com", { items: twoItems("OWN-A", "OWN-B") });
    const theirs = await givenOrder("thief-r@example.com");
    const buyer = await signedIn("owner-r@example.com");
    const [a, b] = await itemIdsOf(mine.orderId);
    const [foreign] = await itemIdsOf(theirs.orderId);
    const attempt = (orderId: string, itemIds: string[]) =>
      errorOf(
        requestRefund(
          buyer,
          { orderId, itemIds, reason: "other", note: "", idempotencyKey: newIdempotencyKey() },
          meta(),
        ),
      );
    expect((await attempt(theirs.orderId, [foreign ?? ""])).code).toBe("not_found");
    expect((await attempt(mine.orderId, [foreign ?? ""])).code).toBe("not_found");
    expect((await attempt(mine.orderId, [])).code).toBe("invalid_input");

    // The store refunds item B through the webhook: it can no longer be asked for.
    await givenOrder("owner-r@example.com", {
      ...mine.payload,
      status: "partially_refunded",
      items: mine.payload.items.map((item, i) => (i === 1 ? { ...item, status: "refunded" as const } : item)),
    });
    const refunded = await attempt(mine.orderId, [b ?? ""]);
    expect([refunded.code, refunded.message]).toEqual(["conflict", "Product OWN-B was already refunded."]);
    const ok = await requestRefund(
      buyer,
      {
        orderId: mine.orderId,
        itemIds: [a ?? ""],
        reason: "other",
        note: "",
        idempotencyKey: newIdempotencyKey(),
      },
      meta(),
    );
    expect(ok.created).toBe(true);
  });

  it("reads the form's ticked items as a list (one, several) and refuses a form with none ticked", async () => {
    const order = await givenOrder("form@example.com", { items: twoItems("FORM-A", "FORM-B") });
    const buyer = await signedIn("form@example.com");
    const [a, b] = (await itemIdsOf(order.orderId)) as [string, string];
    const posted = (itemIds: string[]) => {
      const form = new FormData();
      form.set("orderId", order.orderId);
      form.set("orderNumber", order.number);
      form.set("reason", "other");
      form.set("idempotencyKey", newIdempotencyKey());
      for (const id of itemIds) form.append("itemIds", id);
      return ZRefundRequestForm.safeParse(formDataObject(form));
    };
    expect(posted([a]).data?.itemIds).toEqual([a]);
    const none = posted([]);
    expect(none.success).toBe(false);
    expect(fieldErrorsOf(none.error?.issues ?? []).itemIds).toEqual(["Choose at least one item to refund."]);

    const both = posted([a, b]).data;
    if (!both) throw new Error("the form did not parse");
    expect((await requestRefund(buyer, both, meta())).created).toBe(true);
    expect(await db().refundItem.count({ where: { orderItemId: { in: [a, b] }, activeItemId: { not: null } } })).toBe(
      2,
    );
  });

  it("redacts card numbers and stores the note encrypted", async () => {
    const order = await givenOrder("note@example.com");
    const buyer = await signedIn("note@example.com");
    const note = "Charged twice on 4111 1111 1111 1111, please refund";
    const { refundId } = await requestRefund(
      buyer,
      {
        orderId: order.orderId,
        itemIds: await itemIdsOf(order.orderId),
        reason: "duplicate",
        note,
        idempotencyKey: newIdempotencyKey(),
      },
      meta(),
    );
    const row = await db().refundRequest.findUniqueOrThrow({ where: { id: refundId } });
    expect(row.noteEnc).not.toContain("please refund");
    expect(decrypt(row.noteEnc ?? "", ENC.refundNote)).toBe("Charged twice on [card ending 1111], please refund");
  });
});

describe("duplicate detection", () => {
  it("suggests 'duplicate' on the later of two orders of the same product within 72 hours, not otherwise", async () => {
    const email = "dupes@example.com";
    const first = await givenOrder(email, {
      placedAt: new Date(Date.now() - 3 * 3_600_000).toISOString(),
      items: [{ sku: "DUP-1", name: "Dup", quantity: 1, unitAmount: 900, licenseKeys: [licenseKey()] }],
    });
    const second = await givenOrder(email, {
      placedAt: new Date(Date.now() - 3_600_000).toISOString(),
      items: [{ sku: "DUP-1", name: "Dup", quantity: 1, unitAmount: 900, licenseKeys: [licenseKey()] }],
    });
    const unrelated = await givenOrder(email, {
      placedAt: new Date(Date.now() - 2 * 3_600_000).toISOString(),
      items: [{ sku: "OTHER-1", name: "Other", quantity: 1, unitAmount: 900, licenseKeys: [] }],
    });
    const late = await givenOrder(email, {
      placedAt: new Date(Date.now() - 100 * 3_600_000).toISOString(),
      items: [{ sku: "LATE-1", name: "Late", quantity: 1, unitAmount: 900, licenseKeys: [] }],
    });
    await givenOrder(email, {
      placedAt: new Date(Date.now() - 1 * 3_600_000).toISOString(),
      items: [{ sku: "LATE-1", name: "Late", quantity: 1, unitAmount: 900, licenseKeys: [] }],
    });
    // Another buyer's purchase of the same product is no evidence.
    await givenOrder("someone-else@example.com", {
      placedAt: new Date(Date.now() - 2 * 3_600_000).toISOString(),
      items: [{ sku: "OTHER-1", name: "Other", quantity: 1, unitAmount: 900, licenseKeys: [] }],
    });
    const buyer = await signedIn(email);

    const later = await getRefundPanel(buyer, { orderId: second.orderId });
    expect(later.suggestedReason).toBe("duplicate");
    expect(later.items[0]?.duplicateOf).toMatchObject({ number: first.number });
    expect((await getRefundPanel(buyer, { orderId: first.orderId })).suggestedReason).toBeNull();
    expect((await getRefundPanel(buyer, { orderId: unrelated.orderId })).suggestedReason).toBeNull();
    expect((await getRefundPanel(buyer, { orderId: late.orderId })).suggestedReason).toBeNull();
  });
});
