// How the money goes back: the webhook gateway POSTs a signed JSON body through the outbox and
// retries until the vendor's endpoint answers 2xx (a local HTTP server that fails first), then the
// refund is "processed" — exactly once; the manual gateway waits for the agent's processor reference.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { verifySignature } from "@/lib/crypto/webhook-signature";
import { newIdempotencyKey } from "@/lib/idempotency/run-once";
import { processOutboxBatch } from "@/lib/outbox/worker";
import { parseOrThrow } from "@/lib/errors";
import type { TAgentSession } from "@/lib/auth/types";
import { ZRefundSettingsInput } from "@/lib/settings/schemas";
import { ZApproveRefundInput, ZRecordGatewayReferenceInput, ZRefundRequestInput } from "@/lib/refunds/schemas";
import { requestRefund } from "@/lib/refunds/request-refund";
import { approveRefund } from "@/lib/refunds/approve-refund";
import { recordGatewayReference } from "@/lib/refunds/record-gateway-reference";
import { listRefundQueue } from "@/lib/refunds/list-refund-queue";
import { readRefundWebhookTarget } from "@/lib/settings/read-refund-webhook-target";
import { updateRefundSettings } from "@/lib/settings/update-refund-settings";
import { resetEnvForTests } from "@/lib/env";
import { assertPublicWebhookHost } from "@/lib/refunds/gateway/post-webhook";
import { errorOf, givenAgent, meta, signedIn } from "../helpers/actors";
import { givenOrder, licenseKey } from "../helpers/fixtures";

const SECRET = "refund-gateway-secret-0123456789";
const received: { body: string; signature: string | null; answered: number }[] = [];
let failuresLeft = 0;
let server: http.Server;
let url: string;

/** The local stand-in for the vendor's endpoint is plain http on 127.0.0.1: allowed only with this test setting. */
function allowLoopback(on: boolean) {
  process.env.KEYDESK_WEBHOOK_ALLOW_LOOPBACK = on ? "on" : "off";
  resetEnvForTests();
}

beforeAll(async () => {
  allowLoopback(true);
  server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    req.on("end", () => {
      const answered = failuresLeft > 0 ? 503 : 200;
      if (failuresLeft > 0) failuresLeft -= 1;
      received.push({ body, signature: req.headers["keydesk-signature"]?.toString() ?? null, answered });
      res.writeHead(answered).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/refunds`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

/** Refund settings as the settings form's schema hands them to `updateRefundSettings`. */
const settings = (form: Record<string, string>) => parseOrThrow(ZRefundSettingsInput, form);

async function approvedRefund(email: string, agent: TAgentSession) {
  const order = await givenOrder(email, {
    currency: "EUR",
    items: [
      { sku: "GW-A", name: "Gamma", quantity: 2, unitAmount: 1250, licenseKeys: [licenseKey()] },
      { sku: "GW-B", name: "Delta", quantity: 1, unitAmount: 999, licenseKeys: [licenseKey()] },
    ],
  });
  const buyer = await signedIn(email);
  const items = await db().orderItem.findMany({
    where: { orderId: order.orderId },
    orderBy: { position: "asc" },
    select: { id: true },
  });
  const request = parseOrThrow(ZRefundRequestInput, {
    orderId: order.orderId,
    itemIds: items.map((i) => i.id),
    reason: "not_working",
    note: "",
    idempotencyKey: newIdempotencyKey(),
  });
  const { refundId } = await requestRefund(buyer, request, meta());
  await approveRefund(
    agent,
    parseOrThrow(ZApproveRefundInput, { refundId, itemIds: [items[0]?.id ?? ""], note: "" }),
    meta(),
  );
  return { order, refundId };
}

async function drainUntil(done: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error("outbox did not finish in time");
    await processOutboxBatch({ workerId: "test" });
    await new Promise((resolve) => setTimeout(resolve, 60));
  }
}

describe("webhook addresses", () => {
  /** The settings form's message for the address, or undefined when it is accepted. */
  const problem = (webhookUrl: string) => {
    const parsed = ZRefundSettingsInput.safeParse({ gateway: "webhook", webhookUrl, webhookSecret: SECRET });
    return parsed.success ? undefined : parsed.error.issues.find((i) => i.path[0] === "webhookUrl")?.message;
  };

  it("must be https to a public host when saved", () => {
    allowLoopback(false);
    try {
      expect(problem("http://refunds.example.com/hook")).toMatch(/https/);
      for (const internal of [
        "https://127.0.0.1/hook",
        "https://localhost/hook",
        "https://10.1.2.3/hook",
        "https://192.168.1.10/hook",
        "https://172.20.0.1/hook",
        "https://169.254.169.254/latest/meta-data",
        "https://[::1]/hook",
        "https://[fe80::1]/hook",
        "https://[fd00::1]/hook",
        "https://[::ffff:127.0.0.1]/hook",
        "https://metadata.internal/hook",
        "https://intranet/hook",
      ]) {
        expect(problem(internal), internal).toBeDefined();
      }
      // The local stand-in needs the explicit test setting.
      expect(problem(url)).toBeDefined();
      expect(
        settings({ gateway: "webhook", webhookUrl: "https://refunds.example.com/hook", webhookSecret: SECRET }),
      ).toMatchObject({ webhookUrl: "https://refunds.example.com/hook" });
    } finally {
      allowLoopback(true);
    }
    // Even with it, only this machine may be plain http — never a private network.
    expect(problem("http://10.1.2.3/hook")).toBeDefined();
    expect(problem(url)).toBeUndefined();
  });

  it("are checked again when sent: a stored private address or a name resolving to one gets nothing", async () => {
    const admin = await givenAgent("admin");
    await updateRefundSettings(admin, settings({ gateway: "webhook", webhookUrl: url, webhookSecret: SECRET }), meta());
    allowLoopback(false);
    try {
      await expect(assertPublicWebhookHost("localhost")).rejects.toThrow(/private, loopback or link-local/);
      const before = received.length;
      const { refundId } = await approvedRefund("stale-url@example.com", admin);
      for (let i = 0; i < 3; i++) await processOutboxBatch({ workerId: "test" });
      expect(received).toHaveLength(before);
      const row = await db().outboxMessage.findUniqueOrThrow({ where: { id: `rg_${refundId}` } });
      expect(row.attempts).toBeGreaterThan(0);
      expect(row.status).not.toBe("sent");
      // Out of the queue, so later tests' deliveries are their own.
      await db().outboxMessage.delete({ where: { id: row.id } });
    } finally {
      allowLoopback(true);
    }
  });
});

describe("webhook gateway", () => {
  it("retries the signed POST until a 2xx, then marks the refund processed exactly once", async () => {
    const admin = await givenAgent("admin");
    const invalid = await errorOf(
      Promise.resolve().then(() => settings({ gateway: "webhook", webhookUrl: "", webhookSecret: "" })),
    );
    expect(Object.keys(invalid.fieldErrors ?? {})).toContain("webhookUrl");
    await updateRefundSettings(admin, settings({ gateway: "webhook", webhookUrl: url, webhookSecret: SECRET }), meta());
    const setting = await db().setting.findUniqueOrThrow({ where: { key: "refunds" } });
    expect(JSON.stringify(setting.value)).not.toContain(SECRET);
    expect(await readRefundWebhookTarget()).toEqual({ url, secret: SECRET });

    failuresLeft = 2;
    const { order, refundId } = await approvedRefund("gateway@example.com", admin);
    expect((await db().refundRequest.findUniqueOrThrow({ where: { id: refundId } })).gatewayStatus).toBe("queued");

    await drainUntil(
      async () =>
        (await db().refundRequest.findUniqueOrThrow({ where: { id: refundId } })).gatewayStatus === "processed",
    );
    // A few more rounds send nothing more.
    for (let i = 0; i < 3; i++) await processOutboxBatch({ workerId: "test" });

    expect(received.map((r) => r.answered)).toEqual([503, 503, 200]);
    expect(new Set(received.map((r) => r.body)).size).toBe(1);
    for (const r of received) expect(verifySignature(SECRET, r.signature, r.body)).toEqual({ ok: true });
    expect(JSON.parse(received[0]?.body ?? "{}")).toEqual({
      refundId,
      orderNumber: order.number,
      source: "digitalriver",
      externalId: order.payload.externalId,
      amount: 2500,
      currency: "EUR",
      items: [{ sku: "GW-A", name: "Gamma", quantity: 2, amount: 2500 }],
    });
    const row = await db().outboxMessage.findUniqueOrThrow({ where: { id: `rg_${refundId}` } });
    expect([row.status, row.attempts, row.channel]).toEqual(["sent", 3, "webhook"]);
    const queue = await listRefundQueue(admin, meta());
    expect(queue.find((q) => q.id === refundId)?.gateway).toMatchObject({ status: "processed", attempts: 3 });
  });
});

describe("manual gateway", () => {
  it("shows 'awaiting refund' until an agent records the processor's reference, once", async () => {
    const admin = await givenAgent("admin");
    const agent = await givenAgent("agent");
    await updateRefundSettings(admin, settings({ gateway: "manual", webhookUrl: "", webhookSecret: "" }), meta());
    const { refundId } = await approvedRefund("manual@example.com", agent);
    expect((await db().refundRequest.findUniqueOrThrow({ where: { id: refundId } })).gatewayStatus).toBe(
      "awaiting_refund",
    );
    expect(await db().outboxMessage.count({ where: { id: `rg_${refundId}` } })).toBe(0);

    const reference = (value: string) => parseOrThrow(ZRecordGatewayReferenceInput, { refundId, reference: value });
    const empty = await errorOf(Promise.resolve().then(() => reference(" ")));
    expect(empty.fieldErrors?.reference).toBeDefined();
    await recordGatewayReference(agent, reference("re_3PqX77"), meta());
    const row = await db().refundRequest.findUniqueOrThrow({ where: { id: refundId } });
    expect([row.gatewayStatus, row.gatewayReference]).toEqual(["processed", "re_3PqX77"]);
    const again = await errorOf(recordGatewayReference(agent, reference("re_other"), meta()));
    expect(again.code).toBe("conflict");
  });
});
