// npm run bench -- --scale[=100k]: is Keydesk flat with data? Imports 10k orders and opens one guest
// ticket per 100 orders, measures the look-up, the buyer's orders page, the agent's searches and the
// ticket inbox (the default queue, and the queue that holds the guest tickets: a full page of 100);
// imports up to 1M (or 100k with --scale=100k), opens tickets up to one per 100 orders again, and
// measures the same requests again — the same records, new look-up addresses — then prints
// big/small latency ratios (goal ≤ 1.25). A static file is measured in both phases as the machine's
// noise reference: its own ratio shows how much the machine, not Keydesk, changed.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { latencyText, measure, settle, type TLoadResult, type TLoadSpec } from "./support/load";
import { fmt, writeResults } from "./support/report";
import {
  findStaticAsset,
  prepareVisitors,
  sealAgentSearches,
  signInBenchBuyer,
  startFixture,
  TICKETS,
  withCookie,
} from "./support/fixture";
import { buyerEmail, ipOf, openTickets, runImport, writeOrdersFile, type TImportRun } from "./support/seed";
import type { TOptions } from "./run";

const SMALL = 10_000;
const FLAT_GOAL = 1.25;
const NO_CAP_SECONDS = 36_000;
/** Guest tickets per order (a support desk's history grows with its sales). */
const ORDERS_PER_TICKET = 100;
const TICKET_CONCURRENCY = 8;

type TPhase = Map<string, TLoadResult>;

export async function runScale(options: TOptions): Promise<void> {
  const big = options.scale === "1m" ? 1_000_000 : 100_000;
  const started = Date.now();
  const fixture = await startFixture();
  const { server } = fixture;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "keydesk-bench-scale-"));
  let nextIp = 1;
  try {
    console.log(
      `bench --scale: ${SMALL.toLocaleString("en-US")} then ${big.toLocaleString("en-US")} orders, ${options.connections} connections, ${options.duration} s per case`,
    );
    const imports: TImportRun[] = [];
    const importUpTo = async (from: number, to: number) => {
      const file = path.join(tmp, `orders-${from}.jsonl`);
      await writeOrdersFile(file, from, to - from);
      process.stdout.write(
        `bench: orders:import ${(to - from).toLocaleString("en-US")} orders (to ${to.toLocaleString("en-US")})… `,
      );
      const run = await runImport(server, file, NO_CAP_SECONDS);
      fs.rmSync(file, { force: true });
      console.log(`${run.ordersPerSecond.toFixed(0)} orders/s, ${run.seconds.toFixed(0)} s`);
      imports.push(run);
    };
    let tickets = 0;
    // Tickets up to one per ORDERS_PER_TICKET orders, each from its own buyer (0, 1, 2, …: buyers of
    // orders already imported).
    const ticketsUpTo = async (orders: number) => {
      const count = orders / ORDERS_PER_TICKET - tickets;
      const started = performance.now();
      await openTickets(server, count, tickets, TICKET_CONCURRENCY);
      tickets += count;
      console.log(
        `bench: ${count.toLocaleString("en-US")} guest tickets opened (POST /api/v1/tickets, ${((performance.now() - started) / 1000).toFixed(0)} s), ${tickets.toLocaleString("en-US")} in all`,
      );
    };
    await importUpTo(0, SMALL);
    const sessions = await prepareVisitors(fixture, 0);
    tickets = TICKETS;
    await ticketsUpTo(SMALL);
    const asset = await findStaticAsset(server);
    const searchOrder = (i: number) => (7 + i * 7919) % SMALL;

    const measurePhase = async (label: string, lookupBuyers: [number, number]): Promise<TPhase> => {
      const phase: TPhase = new Map();
      let known = 0;
      // Posted in each phase (a sealed search works for an hour; the big import takes longer).
      const orders = Array.from({ length: 40 }, (_, i) => searchOrder(i));
      const searches = await sealAgentSearches(server, sessions.agent, orders);
      const search = (kind: keyof typeof searches) => (i: number) =>
        withCookie(searches[kind][i % orders.length] ?? "", sessions.agent);
      const cases: [string, TLoadSpec["request"]][] = [
        ["static file", { path: asset }],
        [
          "POST /api/v1/lookup, known",
          () => ({
            method: "POST",
            path: "/api/v1/lookup",
            headers: { "content-type": "application/json", "x-forwarded-for": ipOf(nextIp++) },
            body: JSON.stringify({
              email: buyerEmail(lookupBuyers[0] + (known++ % (lookupBuyers[1] - lookupBuyers[0]))),
            }),
          }),
        ],
        ["GET /orders (buyer)", withCookie("/orders", sessions.buyer)],
        ["agent search: e-mail", search("email")],
        ["agent search: number", search("number")],
        ["agent search: licence key", search("license")],
        ["GET /agent/tickets (inbox)", withCookie("/agent/tickets", sessions.agent)],
        ["inbox: unconfirmed queue", withCookie("/agent/tickets?view=unverified", sessions.agent)],
      ];
      for (const [name, request] of cases) {
        const waited = await settle(server.url);
        process.stdout.write(
          `bench: ${label.padEnd(5)} ${name.padEnd(28)}${waited > 2 ? ` (after ${waited.toFixed(0)} s of backlog)` : ""}… `,
        );
        await measure(server.url, { request, connections: options.connections, seconds: 1 });
        const load = await measure(server.url, {
          request,
          connections: options.connections,
          seconds: options.duration,
        });
        console.log(
          `${fmt.rps(load.requestsPerSecond)}, p50 ${latencyText(load, load.p50Ms)}, p99 ${latencyText(load, load.p99Ms)}` +
            (load.non2xx || load.errors
              ? `, ${load.errors} timeouts/errors, statuses ${JSON.stringify(load.statuses)}`
              : ""),
        );
        phase.set(name, load);
      }
      return phase;
    };

    // Look-ups: each phase its own known buyers (the per-address limit is 5 an hour).
    const small = await measurePhase("10k", [0, SMALL / 4]);
    await importUpTo(SMALL, big);
    // The first session idled out during a long import (a 1M run measured a redirect to sign-in).
    sessions.buyer = await signInBenchBuyer(fixture);
    await ticketsUpTo(big);
    const large = await measurePhase(big === 1_000_000 ? "1M" : "100k", [SMALL / 4, SMALL / 2]);

    const header = [
      "case",
      "p50 10k",
      `p50 ${big / 1000}k`,
      "ratio p50",
      "p99 10k",
      `p99 ${big / 1000}k`,
      "ratio p99",
      "goal",
      "result",
    ];
    const ratios: Record<string, { p50: number | null; pass: boolean | null }> = {};
    const table = [...small.keys()].map((name) => {
      const a = small.get(name);
      const b = large.get(name);
      // Nothing answered within autocannon's 10 s timeout: the ratio is at least 10 s / small p50.
      const silent = !a || !b || a.requests === 0 || b.requests === 0;
      const ratio = silent ? NaN : b.p50Ms / Math.max(a.p50Ms, 0.5);
      const reference = name === "static file";
      const ok = !silent && ratio <= FLAT_GOAL && b.non2xx === 0 && b.errors === 0;
      ratios[name] = { p50: silent ? null : Number(ratio.toFixed(3)), pass: reference ? null : ok };
      return [
        name,
        a ? latencyText(a, a.p50Ms) : "—",
        b ? latencyText(b, b.p50Ms) : "—",
        silent ? (a && a.requests > 0 ? `> ${fmt.ratio(10_000 / Math.max(a.p50Ms, 0.5))}` : "—") : fmt.ratio(ratio),
        a ? latencyText(a, a.p99Ms) : "—",
        b ? latencyText(b, b.p99Ms) : "—",
        !silent ? fmt.ratio(b.p99Ms / Math.max(a.p99Ms, 0.5)) : "—",
        reference ? "(noise reference)" : `p50 ratio ≤ ${FLAT_GOAL}`,
        reference ? "—" : ok ? "pass" : "FAIL",
      ];
    });
    const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => (row[i] ?? "").length)));
    const line = (row: string[]) =>
      row
        .map((c, i) => c.padEnd(widths[i] ?? 0))
        .join("  ")
        .trimEnd();
    console.log(`\n${line(header)}\n${widths.map((w) => "-".repeat(w)).join("  ")}`);
    for (const row of table) console.log(line(row));
    console.log(`\norders:import: ${imports.map((r) => `${r.ordersPerSecond.toFixed(0)} orders/s`).join(", then ")}`);
    const file = writeResults(`scale-${big === 1_000_000 ? "1m" : "100k"}`, {
      at: new Date().toISOString(),
      machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, loadAverage: os.loadavg(), node: process.version },
      options,
      seconds: Math.round((Date.now() - started) / 1000),
      imports,
      orders: { small: SMALL, large: big },
      tickets,
      ratios,
      small: Object.fromEntries(small),
      large: Object.fromEntries(large),
    });
    console.log(
      `bench: ${Math.round((Date.now() - started) / 1000)} s; results in ${path.relative(process.cwd(), file)}`,
    );
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
    await fixture.stop();
  }
}
