// Data for the benchmark, put in through Keydesk's own interfaces: the operator CLI
// (`orders:import`, `agent:create`), the signed order webhook and the public ticket API.
//
// Generated orders are deterministic: order j belongs to buyer ⌊j/2⌋ (two orders per buyer), has one
// item with one licence key, and a unique number and external id — so a later step knows which
// addresses, numbers and keys exist without asking the application.
import fs from "node:fs";
import path from "node:path";
import { spawn } from "node:child_process";
import Database from "better-sqlite3";
import pg from "pg";
import Stripe from "stripe";
import type { TAppServer } from "../../test/helpers/app-server";
import { TEST_WEBHOOK_SECRET } from "../../test/helpers/app-server";
import { signPayload } from "../../lib/crypto/webhook-signature";

const ROOT = path.resolve(import.meta.dirname, "../..");
const TSX_BIN = path.join(ROOT, "node_modules/.bin/tsx");
export const IMPORT_SOURCE = "bench-import";

export const buyerEmail = (buyer: number) => `buyer${buyer}@example.com`;
export const orderNumber = (order: number) => String(10_000_000 + order);
export const licenseKey = (order: number) => {
  const digits = String(order).padStart(10, "0");
  return `KD${digits.slice(0, 3)}-${digits.slice(3, 6)}BN-${digits.slice(6)}XQ-BENCH`;
};

/** A distinct IPv4 address per number (X-Forwarded-For of one simulated client). */
export function ipOf(i: number): string {
  return `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
}

function orderLine(j: number): string {
  const day = 1 + (j % 28);
  return JSON.stringify({
    source: IMPORT_SOURCE,
    externalId: `IMP-${j}`,
    number: orderNumber(j),
    placedAt: `2025-${String(1 + (j % 12)).padStart(2, "0")}-${String(day).padStart(2, "0")}T10:00:00Z`,
    status: "paid",
    currency: "EUR",
    customer: { email: buyerEmail(Math.floor(j / 2)), name: `Buyer ${Math.floor(j / 2)}` },
    items: [
      { sku: "PIXF-STUDIO", name: "PixelForge Studio", quantity: 1, unitAmount: 4900, licenseKeys: [licenseKey(j)] },
    ],
  });
}

/** Writes orders [from, from + count) as JSON Lines (streamed: 1M orders is ~300 MB, ~5 s). */
export async function writeOrdersFile(file: string, from: number, count: number): Promise<void> {
  const out = fs.createWriteStream(file);
  const CHUNK = 2_000;
  for (let start = from; start < from + count; start += CHUNK) {
    const lines: string[] = [];
    for (let j = start; j < Math.min(from + count, start + CHUNK); j++) lines.push(orderLine(j));
    if (!out.write(`${lines.join("\n")}\n`)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
}

export interface TImportRun {
  /** Orders of `IMPORT_SOURCE` in the database afterwards. */
  imported: number;
  seconds: number;
  /** False when the time cap stopped the import before the end of the file. */
  completed: boolean;
  ordersPerSecond: number;
}

/** The SQLite file of a server started by startAppServer (its default DATABASE_URL). */
export function sqliteFileOf(server: Pick<TAppServer, "env" | "dataDir">): string {
  const url = server.env.DATABASE_URL;
  if (url && !url.startsWith("file:")) throw new Error("this step reads the SQLite file; use SQLite");
  return url ? url.slice("file:".length) : path.join(server.dataDir, "keydesk.db");
}

/** Counts rows read-only, straight from the database (what the import committed so far). */
export async function countImportedOrders(server: Pick<TAppServer, "env" | "dataDir">): Promise<number> {
  const url = server.env.DATABASE_URL;
  if (url && !url.startsWith("file:")) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const result = await client.query<{ n: string }>('SELECT count(*) AS n FROM "Order" WHERE source = $1', [
        IMPORT_SOURCE,
      ]);
      return Number(result.rows[0]?.n ?? 0);
    } finally {
      await client.end();
    }
  }
  const db = new Database(sqliteFileOf(server), { readonly: true, fileMustExist: true });
  try {
    const row = db
      .prepare<[string], { n: number }>('SELECT count(*) AS n FROM "Order" WHERE source = ?')
      .get(IMPORT_SOURCE);
    return row?.n ?? 0;
  } finally {
    db.close();
  }
}

/**
 * `npm run keydesk -- orders:import FILE` with a time cap: at the cap the command (process group)
 * is killed — each batch is its own transaction, so what was committed stays — and the orders in
 * the database are counted. orders/s = orders added / wall time including the command's start-up.
 */
export async function runImport(
  server: Pick<TAppServer, "env" | "dataDir">,
  file: string,
  capSeconds: number,
): Promise<TImportRun> {
  const before = await countImportedOrders(server);
  const started = performance.now();
  const child = spawn(TSX_BIN, ["--conditions=react-server", "scripts/keydesk.ts", "orders:import", file], {
    cwd: ROOT,
    env: server.env as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output = (output + chunk.toString("utf8")).slice(-4_000)));
  child.stderr.on("data", (chunk: Buffer) => (output = (output + chunk.toString("utf8")).slice(-4_000)));
  let capped = false;
  const timer = setTimeout(() => {
    capped = true;
    if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
  }, capSeconds * 1000);
  const code = await new Promise<number>((resolve) => child.once("close", (exit) => resolve(exit ?? -1)));
  clearTimeout(timer);
  const seconds = (performance.now() - started) / 1000;
  if (!capped && code !== 0) throw new Error(`orders:import exited ${code}:\n${output}`);
  const imported = await countImportedOrders(server);
  return { imported, seconds, completed: !capped, ordersPerSecond: (imported - before) / seconds };
}

/** Runs a CLI command in the server's environment; throws with its output unless it exits 0. */
export async function runCliChecked(
  server: Pick<TAppServer, "env">,
  args: string[],
  extraEnv: Record<string, string> = {},
) {
  const child = spawn(TSX_BIN, ["--conditions=react-server", "scripts/keydesk.ts", ...args], {
    cwd: ROOT,
    env: { ...server.env, ...extraEnv } as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  const code = await new Promise<number>((resolve) => child.once("close", (exit) => resolve(exit ?? -1)));
  if (code !== 0) throw new Error(`keydesk ${args.join(" ")} exited ${code}:\n${output}`);
  return output;
}

/** One signed webhook body for an order of a dedicated buyer (`number` must be unique). */
export function webhookOrder(email: string, number: string, externalId = `WH-${number}`): string {
  return JSON.stringify({
    source: "bench-webhook",
    externalId,
    number,
    placedAt: "2026-11-01T10:00:00Z",
    status: "paid",
    currency: "EUR",
    customer: { email, name: "Webhook Buyer" },
    items: [
      {
        sku: "PIXF-STUDIO",
        name: "PixelForge Studio",
        quantity: 1,
        unitAmount: 4900,
        licenseKeys: [`WH${number}-AAAAA-BBBBB-CCCCC`],
      },
    ],
  });
}

export function signedWebhookHeaders(body: string): Record<string, string> {
  return { "content-type": "application/json", "keydesk-signature": signPayload(TEST_WEBHOOK_SECRET, body) };
}

/** Sends one order through the signed webhook; throws unless it is created (201) or repeated (200). */
export async function postOrder(server: TAppServer, body: string): Promise<void> {
  const response = await fetch(`${server.url}/api/v1/orders`, {
    method: "POST",
    headers: signedWebhookHeaders(body),
    body,
  });
  if (response.status !== 201 && response.status !== 200)
    throw new Error(`webhook: ${response.status} ${await response.text()}`);
}

/**
 * Opens `count` guest tickets through POST /api/v1/tickets for buyers `firstBuyer`… (one client IP
 * per buyer, so the per-IP limit of 5 an hour is never reached), `concurrency` at a time.
 */
export async function openTickets(
  server: TAppServer,
  count: number,
  firstBuyer: number,
  concurrency = 1,
): Promise<void> {
  let next = 0;
  const open = async (i: number) => {
    const buyer = firstBuyer + i;
    const response = await fetch(`${server.url}/api/v1/tickets`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": ipOf(200_000 + buyer) },
      body: JSON.stringify({
        email: buyerEmail(buyer),
        name: `Buyer ${buyer}`,
        subject: `Lost my licence key (${i})`,
        message: "I reinstalled my computer and cannot find the key any more. Can you help?",
        orderNumber: orderNumber(buyer * 2),
      }),
    });
    if (response.status !== 201) throw new Error(`ticket ${i}: ${response.status} ${await response.text()}`);
  };
  const lane = async () => {
    while (next < count) await open(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, lane));
}

/** The signing secret of the benchmark's Stripe store (a test value, like the tests' own). */
export const BENCH_STRIPE_SECRET = "whsec_bench_stripe_0123456789abcdef";

/** Registers a Stripe store with `store:add` (as an operator does) and returns its id. */
export async function addStripeStore(server: Pick<TAppServer, "env">): Promise<string> {
  const output = await runCliChecked(server, [
    "store:add",
    "--provider",
    "stripe",
    "--name",
    "bench-stripe",
    "--secret",
    BENCH_STRIPE_SECRET,
  ]);
  const id = /\(id ([^)\s]+)\)/.exec(output)?.[1];
  if (!id) throw new Error(`store:add printed no id:\n${output}`);
  return id;
}

const stripe = new Stripe("sk_test_bench_only");

/**
 * One Stripe delivery: a paid Checkout Session (`checkout.session.completed`, its own event and
 * PaymentIntent, so each makes a new order) signed with Stripe's SDK as Stripe signs it.
 */
export function stripeCheckoutDelivery(n: number, email: string): { body: string; headers: Record<string, string> } {
  const now = Math.floor(Date.now() / 1000);
  const body = JSON.stringify({
    id: `evt_bench_${n}`,
    object: "event",
    api_version: "2026-10-28.endive",
    created: now,
    livemode: false,
    type: "checkout.session.completed",
    data: {
      object: {
        id: `cs_test_bench_${n}`,
        object: "checkout.session",
        amount_subtotal: 4900,
        amount_total: 5831,
        currency: "eur",
        created: now - 60,
        customer: `cus_bench_${n}`,
        customer_details: { address: null, email, name: "Stripe Buyer", phone: null },
        customer_email: null,
        mode: "payment",
        payment_intent: `pi_bench_${n}`,
        payment_status: "paid",
        status: "complete",
      },
    },
  });
  const signature = stripe.webhooks.generateTestHeaderString({
    payload: body,
    secret: BENCH_STRIPE_SECRET,
    timestamp: now,
  });
  return { body, headers: { "content-type": "application/json", "stripe-signature": signature } };
}
