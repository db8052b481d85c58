// Back up a serving portal, restore onto a new machine, start the app there: `keydesk backup` runs
// while signed store deliveries keep arriving at `npm start`; `keydesk restore` unpacks the archive
// into a fresh DATA_DIR, `npm start` serves it (ready, migrations applied), and every order the first
// portal acknowledged before the backup started is already there — the same delivery sent again
// answers 200 "unchanged", not 201 "created".
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCliOk, startAppServer, TEST_WEBHOOK_SECRET, type TAppServer } from "../helpers/app-server";
import { signPayload } from "@/lib/crypto/webhook-signature";

const work = fs.mkdtempSync(path.join(os.tmpdir(), "keydesk-e2e-backup-"));
const servers: TAppServer[] = [];
let first: TAppServer;

beforeAll(async () => {
  first = await startAppServer({ beforeStart: (s) => runCliOk(s, ["migrate"]) });
  servers.push(first);
});

afterAll(async () => {
  for (const server of servers) await server.stop();
  fs.rmSync(work, { recursive: true, force: true });
});

/** One signed store delivery of a distinct order (a store sends the same body again on a retry). */
function delivery(n: number): string {
  return JSON.stringify({
    source: "backup-e2e",
    externalId: `BK-${n}-${randomBytes(4).toString("hex")}`,
    number: `BK-${n}`,
    placedAt: new Date().toISOString(),
    status: "paid",
    currency: "EUR",
    customer: { email: `backup${n % 7}@example.com`, name: "Bea Backup" },
    items: [{ sku: "BK-1", name: "Backed Up", quantity: 1, unitAmount: 900, licenseKeys: [`BK-KEY-${n}`] }],
  });
}

async function send(server: TAppServer, raw: string): Promise<{ status: number; result?: string }> {
  const response = await fetch(`${server.url}/api/v1/orders`, {
    method: "POST",
    headers: { "content-type": "application/json", "keydesk-signature": signPayload(TEST_WEBHOOK_SECRET, raw) },
    body: raw,
  });
  const body = (await response.json()) as { result?: string };
  return { status: response.status, result: body.result };
}

describe("backup and restore of a running portal", () => {
  it("restores everything acknowledged before the backup, and the restored copy serves it", async () => {
    const acknowledged: string[] = [];
    let writing = true;
    let lastRefusal = "";
    const writer = (async () => {
      for (let n = 0; writing; n++) {
        const raw = delivery(n);
        const answer = await send(first, raw);
        if (answer.status === 201) acknowledged.push(raw);
        else lastRefusal = JSON.stringify(answer);
      }
    })();
    const deadline = Date.now() + 60_000;
    while (acknowledged.length < 20) {
      if (Date.now() > deadline) throw new Error(`the portal acknowledged too few orders (${lastRefusal})`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const before = [...acknowledged];
    const archive = path.join(work, "keydesk.tar.gz");
    const backup = await runCliOk(first, ["backup", "--to", archive]);
    expect(backup.stdout).toContain("is NOT in this archive");
    const during = acknowledged.length;
    await new Promise((resolve) => setTimeout(resolve, 500));
    writing = false;
    await writer;
    expect(acknowledged.length, "the portal kept taking orders during and after the backup").toBeGreaterThan(
      before.length,
    );
    expect(during).toBeGreaterThanOrEqual(before.length);
    await first.stop();

    // A new machine: an empty DATA_DIR, the same KEYDESK_SECRET (kept apart from the archive).
    const restored = await startAppServer({ beforeStart: (s) => runCliOk(s, ["restore", "--from", archive]) });
    servers.push(restored);
    const ready = await fetch(`${restored.url}/api/ready`);
    expect(ready.status).toBe(200);
    for (const raw of before) expect(await send(restored, raw)).toEqual({ status: 200, result: "unchanged" });
    // A delivery it never saw is still new there.
    expect((await send(restored, delivery(-1))).status).toBe(201);
  }, 180_000);
});
