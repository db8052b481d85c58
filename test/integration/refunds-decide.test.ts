// Agent decisions on refund requests: a partial approval revokes exactly the refunded items' keys
// and download grants in one transaction (the rest keep working), two agents approving at once end
// in one decision, large refunds need a second, different admin, denial frees the items, and a
// store refund arriving by webhook closes a pending request without revoking twice.
import { ENC } from "@/lib/crypto/contexts";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { decrypt } from "@/lib/crypto/encryption";
import { newId, randomToken, hashToken } from "@/lib/crypto/tokens";
import { newIdempotencyKey } from "@/lib/idempotency/run-once";
import { decryptOutboxMail } from "@/lib/mail/decrypt-outbox-mail";
import { AppError } from "@/lib/errors";
import { requestRefund } from "@/lib/refunds/request-refund";
import { approveRefund } from "@/lib/refunds/approve-refund";
import { denyRefund } from "@/lib/refunds/deny-refund";
import { listRefundQueue } from "@/lib/refunds/list-refund-queue";
import { getRefundPanel } from "@/lib/refunds/get-refund-panel";
import { ZRefundDecisionForm, type TApproveRefundInput } from "@/lib/refunds/schemas";
import { formDataObject } from "@/lib/http/form-fields";
import { updateRefundSettings } from "@/lib/settings/update-refund-settings";
import { getRefundSettings } from "@/lib/settings/get-refund-settings";
import { readRefundWebhookTarget } from "@/lib/settings/read-refund-webhook-target";
import { ZRefundSettingsInput } from "@/lib/settings/schemas";
import { errorOf, givenAgent, meta, signedIn } from "../helpers/actors";
import { givenOrder, licenseKey } from "../helpers/fixtures";

/** An approval with the explicit "all requested items" choice. */
const allOf = (refundId: string): TApproveRefundInput => ({ refundId, itemIds: [], allItems: true, note: "" });
/** An approval with nothing ticked and no "all" choice. */
const noneTicked = (refundId: string): TApproveRefundInput => ({ refundId, itemIds: [], allItems: false, note: "" });

async function givenGrant(orderItemId: string, customerId: string): Promise<string> {
  const item = await db().orderItem.findUniqueOrThrow({ where: { id: orderItemId }, select: { productId: true } });
  const fileId = newId();
  await db().productFile.create({
    data: {
      id: fileId,
      productId: item.productId,
      fileName: `f-${fileId}.exe`,
      version: "1",
      contentType: "application/octet-stream",
      size: 1n,
      sha256: "0".repeat(64),
      storagePath: "x",
    },
  });
  const id = newId();
  await db().downloadGrant.create({
    data: {
      id,
      tokenHash: hashToken(randomToken()),
      orderItemId,
      productFileId: fileId,
      customerId,
      expiresAt: new Date(Date.now() + 3_600_000),
      maxDownloads: 5,
    },
  });
  return id;
}

/** An order with two items (two keys each) and a pending request for both; returns ids. */
async function givenRequest(email: string, unitAmount = 4900) {
  const order = await givenOrder(email, {
    items: [
      { sku: "DEC-A", name: "Alpha", quantity: 1, unitAmount, licenseKeys: [licenseKey(), licenseKey()] },
      { sku: "DEC-B", name: "Beta", quantity: 1, unitAmount, licenseKeys: [licenseKey(), licenseKey()] },
    ],
  });
  const buyer = await signedIn(email);
  const items = await db().orderItem.findMany({
    where: { orderId: order.orderId },
    orderBy: { position: "asc" },
    select: { id: true },
  });
  const [a, b] = items.map((i) => i.id) as [string, string];
  const grants = { a: await givenGrant(a, buyer.customerId), b: await givenGrant(b, buyer.customerId) };
  const { refundId } = await requestRefund(
    buyer,
    {
      orderId: order.orderId,
      itemIds: [a, b],
      reason: "duplicate",
      note: "twice",
      idempotencyKey: newIdempotencyKey(),
    },
    meta(),
  );
  return { order, buyer, refundId, a, b, grants };
}

async function state(orderItemId: string, grantId: string) {
  const keys = await db().licenseKey.findMany({ where: { orderItemId }, select: { status: true } });
  const grant = await db().downloadGrant.findUniqueOrThrow({ where: { id: grantId }, select: { revokedAt: true } });
  const item = await db().orderItem.findUniqueOrThrow({ where: { id: orderItemId }, select: { status: true } });
  return { item: item.status, keys: keys.map((k) => k.status), grantRevoked: grant.revokedAt !== null };
}

describe("approving", () => {
  it("partially: revokes only the approved item's keys and grants, frees the rest, mails the buyer", async () => {
    const agent = await givenAgent("agent", "paula.partial@desk.example");
    const { order, buyer, refundId, a, b, grants } = await givenRequest("partial@example.com");
    const result = await approveRefund(
      agent,
      { refundId, itemIds: [a], allItems: false, note: "Refunding the duplicate only" },
      meta(),
    );
    expect(result).toEqual({ outcome: "approved", refundId, amount: 4900 });

    expect(await state(a, grants.a)).toEqual({ item: "refunded", keys: ["revoked", "revoked"], grantRevoked: true });
    expect(await state(b, grants.b)).toEqual({ item: "paid", keys: ["active", "active"], grantRevoked: false });
    expect((await db().order.findUniqueOrThrow({ where: { id: order.orderId } })).status).toBe("partially_refunded");
    const request = await db().refundRequest.findUniqueOrThrow({ where: { id: refundId }, include: { items: true } });
    expect([request.status, request.decidedById, request.gatewayStatus, request.amount]).toEqual([
      "approved",
      agent.agentId,
      "awaiting_refund",
      4900,
    ]);
    expect(request.items.find((i) => i.orderItemId === b)?.activeItemId).toBeNull();
    expect(decrypt(request.decisionNoteEnc ?? "", ENC.refundDecisionNote)).toBe("Refunding the duplicate only");

    const mails = (
      await db().outboxMessage.findMany({ where: { kind: "refund.approved" }, omit: { payloadEnc: false } })
    ).map((m) => decryptOutboxMail(m.payloadEnc));
    expect(mails.filter((m) => m.to === "partial@example.com")).toHaveLength(1);
    expect(await db().auditEvent.count({ where: { action: "refund.approved", targetId: refundId } })).toBe(1);

    // Item B can be asked for again; the panel shows the approval with the agent's note.
    const panel = await getRefundPanel(buyer, { orderId: order.orderId });
    expect(panel.items.map((i) => i.blocked)).toEqual(["refunded", null]);
    expect(panel.requests[0]).toMatchObject({ status: "approved", decisionNote: "Refunding the duplicate only" });
    expect((await errorOf(approveRefund(agent, allOf(refundId), meta()))).message).toBe(
      `This refund request was already approved by ${agent.name}.`,
    );
  });

  it("refuses an approval with nothing ticked, as the decision form posts it, unless 'all' is chosen", async () => {
    const agent = await givenAgent("agent", "nina.none@desk.example");
    const { order, refundId, a, b, grants } = await givenRequest("none@example.com");
    // The decision form with every box unticked: no itemIds field at all.
    const posted = new FormData();
    posted.set("refundId", refundId);
    posted.set("decision", "approve");
    posted.set("note", "");
    const input = ZRefundDecisionForm.parse(formDataObject(posted));
    expect([input.itemIds, input.allItems]).toEqual([[], false]);

    const refused = await errorOf(approveRefund(agent, input, meta()));
    expect([refused.code, refused.message]).toEqual(["invalid_input", "Tick at least one item to refund."]);
    expect(refused.fieldErrors?.itemIds).toEqual(["Tick at least one item."]);
    expect((await db().refundRequest.findUniqueOrThrow({ where: { id: refundId } })).status).toBe("pending");
    expect(await state(a, grants.a)).toEqual({ item: "paid", keys: ["active", "active"], grantRevoked: false });
    expect(
      await db().auditEvent.count({ where: { targetId: refundId, action: { startsWith: "refund.approved" } } }),
    ).toBe(0);

    // Ticked boxes arrive as a repeated field; the explicit "all" choice refunds every requested item.
    const ticked = new FormData();
    ticked.set("refundId", refundId);
    ticked.set("decision", "approve");
    ticked.append("itemIds", a);
    ticked.append("itemIds", b);
    expect(ZRefundDecisionForm.parse(formDataObject(ticked)).itemIds).toEqual([a, b]);
    expect(await approveRefund(agent, allOf(refundId), meta())).toMatchObject({ outcome: "approved", amount: 9800 });
    expect(await state(b, grants.b)).toMatchObject({ item: "refunded", grantRevoked: true });
    expect((await db().order.findUniqueOrThrow({ where: { id: order.orderId } })).status).toBe("refunded");
  });

  it("lets exactly one of two agents deciding at once win; the other learns who decided", async () => {
    const [ann, bob] = [await givenAgent("agent", "ann@desk.example"), await givenAgent("agent", "bob@desk.example")];
    const { refundId, a, grants } = await givenRequest("race@example.com");
    const outcomes = await Promise.allSettled([
      approveRefund(ann, allOf(refundId), meta()),
      denyRefund(bob, { refundId, note: "Not a duplicate" }, meta()),
    ]);
    const won = outcomes.filter((o) => o.status === "fulfilled");
    const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    const request = await db().refundRequest.findUniqueOrThrow({ where: { id: refundId } });
    const winner = request.decidedById === ann.agentId ? ann.name : bob.name;
    expect(lost[0]?.reason).toBeInstanceOf(AppError);
    expect((lost[0]?.reason as AppError).message).toBe(
      `This refund request was already ${request.status} by ${winner}.`,
    );
    expect(await state(a, grants.a)).toMatchObject(
      request.status === "approved" ? { item: "refunded", grantRevoked: true } : { item: "paid", grantRevoked: false },
    );

    // Two approvals at once: one approval, one set of effects, one mail.
    const second = await givenRequest("race2@example.com");
    const both = await Promise.allSettled([
      approveRefund(ann, allOf(second.refundId), meta()),
      approveRefund(bob, allOf(second.refundId), meta()),
    ]);
    expect(both.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    expect(await db().auditEvent.count({ where: { action: "refund.approved", targetId: second.refundId } })).toBe(1);
    const mails = (
      await db().outboxMessage.findMany({ where: { kind: "refund.approved" }, omit: { payloadEnc: false } })
    ).map((m) => decryptOutboxMail(m.payloadEnc));
    expect(mails.filter((m) => m.to === "race2@example.com")).toHaveLength(1);
  });

  it("counts what was already refunded on the order: splitting a large refund into items does not avoid the second admin", async () => {
    const admin = await givenAgent("admin", "sum.admin@desk.example");
    const agent = await givenAgent("agent", "sum.agent@desk.example");
    await updateRefundSettings(
      admin,
      ZRefundSettingsInput.parse({ gateway: "manual", secondApprovalAbove: "50" }),
      meta(),
    );
    try {
      const order = await givenOrder("split@example.com", {
        items: [
          { sku: "SPL-A", name: "Alpha", quantity: 1, unitAmount: 3000, licenseKeys: [licenseKey()] },
          { sku: "SPL-B", name: "Beta", quantity: 1, unitAmount: 3000, licenseKeys: [licenseKey()] },
        ],
      });
      const buyer = await signedIn("split@example.com");
      const items = await db().orderItem.findMany({ where: { orderId: order.orderId }, orderBy: { position: "asc" } });
      const ask = async (itemId: string) =>
        (
          await requestRefund(
            buyer,
            {
              orderId: order.orderId,
              itemIds: [itemId],
              reason: "duplicate",
              note: "",
              idempotencyKey: newIdempotencyKey(),
            },
            meta(),
          )
        ).refundId;
      // 30.00 alone is under the 50.00 threshold…
      expect((await approveRefund(agent, allOf(await ask(items[0]!.id)), meta())).outcome).toBe("approved");
      // …but 30.00 more on the same order makes 60.00: a second admin must confirm.
      expect(await approveRefund(agent, allOf(await ask(items[1]!.id)), meta())).toMatchObject({
        outcome: "awaiting_second_approval",
        amount: 3000,
      });
    } finally {
      await updateRefundSettings(
        admin,
        ZRefundSettingsInput.parse({ gateway: "manual", secondApprovalAbove: "" }),
        meta(),
      );
    }
  });

  it("needs a second, different admin above the admin-set amount", async () => {
    const admin1 = await givenAgent("admin", "ada.admin@desk.example");
    const admin2 = await givenAgent("admin", "grace.admin@desk.example");
    const agent = await givenAgent("agent", "al.agent@desk.example");
    await updateRefundSettings(
      admin1,
      ZRefundSettingsInput.parse({ gateway: "manual", secondApprovalAbove: "50" }),
      meta(),
    );
    const { refundId, a, grants } = await givenRequest("big@example.com", 3000); // 60.00 in total

    expect(await approveRefund(agent, allOf(refundId), meta())).toMatchObject({
      outcome: "awaiting_second_approval",
      amount: 6000,
    });
    expect(await state(a, grants.a)).toMatchObject({ item: "paid", grantRevoked: false });
    expect((await errorOf(approveRefund(agent, allOf(refundId), meta()))).code).toBe("forbidden");
    const stored = await db().refundRequest.findUniqueOrThrow({ where: { id: refundId } });
    expect([stored.status, stored.firstApprovedById]).toEqual(["pending", agent.agentId]);

    const queue = await listRefundQueue(admin2, meta());
    expect(queue.find((q) => q.id === refundId)?.firstApproval?.by).toBe(agent.name);
    // The second admin chooses no items: the first approval's items are refunded.
    await approveRefund(admin2, noneTicked(refundId), meta());
    expect(await state(a, grants.a)).toMatchObject({ item: "refunded", grantRevoked: true });

    // The first approver may not confirm their own approval.
    const small = await givenRequest("big2@example.com", 3000);
    await approveRefund(admin1, allOf(small.refundId), meta());
    expect((await errorOf(approveRefund(admin1, allOf(small.refundId), meta()))).message).toBe(
      "A different admin must confirm this refund.",
    );
    await updateRefundSettings(
      admin1,
      ZRefundSettingsInput.parse({ gateway: "manual", secondApprovalAbove: "" }),
      meta(),
    );
    // Below (or without) a threshold one approval is enough.
    const plain = await givenRequest("plain@example.com", 3000);
    expect((await approveRefund(agent, allOf(plain.refundId), meta())).outcome).toBe("approved");
  });
});

describe("denying and the store's own refunds", () => {
  it("denies with a reason the buyer sees and frees the items", async () => {
    const agent = await givenAgent("agent", "dora@desk.example");
    const { order, buyer, refundId, a, grants } = await givenRequest("deny@example.com");
    expect((await errorOf(denyRefund(agent, { refundId, note: "  " }, meta()))).fieldErrors?.note).toBeDefined();
    await denyRefund(agent, { refundId, note: "The licence was used for 3 months." }, meta());
    expect(await state(a, grants.a)).toEqual({ item: "paid", keys: ["active", "active"], grantRevoked: false });
    const panel = await getRefundPanel(buyer, { orderId: order.orderId });
    expect(panel.requests[0]).toMatchObject({ status: "denied", decisionNote: "The licence was used for 3 months." });
    expect(panel.items.map((i) => i.blocked)).toEqual([null, null]);
  });

  it("closes a pending request when the store refunds its items by webhook, revoking once", async () => {
    const { order, refundId, a, b, grants } = await givenRequest("store@example.com");
    await givenOrder("store@example.com", { ...order.payload, status: "refunded" });
    const request = await db().refundRequest.findUniqueOrThrow({ where: { id: refundId }, include: { items: true } });
    expect([request.status, request.decidedById, request.gatewayStatus]).toEqual(["approved", null, "by_store"]);
    expect(await state(a, grants.a)).toEqual({ item: "refunded", keys: ["revoked", "revoked"], grantRevoked: true });
    expect(await state(b, grants.b)).toMatchObject({ item: "refunded", grantRevoked: true });
    const audit = await db().auditEvent.findMany({ where: { action: "order.updated", targetId: order.orderId } });
    expect(audit.map((e) => (e.metadata as { keysRevoked: number }).keysRevoked)).toEqual([4]);
    // A replay changes nothing and revokes nothing again.
    expect((await givenOrder("store@example.com", { ...order.payload, status: "refunded" })).result).toBe("unchanged");
  });
});

describe("refund settings", () => {
  it("are read by admins only, and the read says whether a secret is set, never the secret", async () => {
    const admin = await givenAgent("admin", "sam.settings@desk.example");
    const agent = await givenAgent("agent", "otto.other@desk.example");
    const secret = "refund-settings-secret-0123456789";
    expect((await errorOf(getRefundSettings(agent))).code).toBe("forbidden");
    expect((await getRefundSettings(admin)).webhookSecretSet).toBe(false);

    const input = ZRefundSettingsInput.parse({
      gateway: "webhook",
      webhookUrl: "https://refunds.example.com/hook",
      webhookSecret: secret,
    });
    await updateRefundSettings(admin, input, meta());
    const view = await getRefundSettings(admin);
    expect(view).toEqual({
      gateway: "webhook",
      webhookUrl: "https://refunds.example.com/hook",
      webhookSecretSet: true,
      secondApprovalAboveMinor: null,
    });
    const stored = JSON.stringify(await db().setting.findUniqueOrThrow({ where: { key: "refunds" } }));
    const sealed = /"webhookSecretEnc":"([^"]+)"/.exec(stored)?.[1] ?? "";
    expect(sealed).not.toBe("");
    expect(JSON.stringify(view)).not.toContain(secret);
    expect(JSON.stringify(view)).not.toContain(sealed);
    // Only the gateway deliverer's internal read opens it.
    expect(await readRefundWebhookTarget()).toEqual({ url: "https://refunds.example.com/hook", secret });
    expect((await errorOf(updateRefundSettings(agent, input, meta()))).code).toBe("forbidden");

    await updateRefundSettings(admin, ZRefundSettingsInput.parse({ gateway: "manual" }), meta());
  });
});
