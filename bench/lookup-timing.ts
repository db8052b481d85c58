// npm run bench:lookup [-- --requests=300]
//
// Enumeration check by timing: does "find my orders" (POST /api/v1/lookup) answer an address that
// has orders as fast as one that has none? Starts the production build with a fresh database,
// creates one order each for N buyers through the signed webhook, then sends N look-ups for those
// known addresses and N for unknown ones, interleaved in random order, one at a time, each address
// once (so the per-address limit never triggers; TRUST_PROXY=1 and a distinct X-Forwarded-For per
// request keep the per-IP limit out of the way too). Prints the medians side by side with the
// same-run baseline GET /api/health. Loopback only; bounded by N.
import { performance } from "node:perf_hooks";
import { startAppServer, TEST_WEBHOOK_SECRET } from "../test/helpers/app-server";
import { signPayload } from "../lib/crypto/webhook-signature";

const requests = Number(process.argv.find((a) => a.startsWith("--requests="))?.slice(11) ?? 300);
if (!Number.isInteger(requests) || requests < 10 || requests > 2000) throw new Error("--requests must be 10…2000");

function ip(i: number): string {
  return `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

async function main() {
  const server = await startAppServer({ env: { TRUST_PROXY: "1", KEYDESK_WORKER: "off" } });
  try {
    let n = 0;
    const post = (path: string, body: string, headers: Record<string, string> = {}) =>
      fetch(`${server.url}${path}`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-for": ip(++n), ...headers },
        body,
      });

    process.stdout.write(`creating ${requests} buyers with an order each… `);
    for (let i = 0; i < requests; i++) {
      const body = JSON.stringify({
        source: "bench",
        externalId: `B-${i}`,
        number: `${900000 + i}`,
        placedAt: "2026-11-01T10:00:00Z",
        status: "paid",
        currency: "EUR",
        customer: { email: `known${i}@example.com`, name: "Bench Buyer" },
        items: [
          {
            sku: "BENCH-1",
            name: "Bench Product",
            quantity: 1,
            unitAmount: 100,
            licenseKeys: [`${10000 + i}-12345-12345-12345`],
          },
        ],
      });
      const response = await post("/api/v1/orders", body, {
        "keydesk-signature": signPayload(TEST_WEBHOOK_SECRET, body),
      });
      if (response.status !== 201) throw new Error(`order ${i}: ${response.status} ${await response.text()}`);
    }
    console.log("done");

    const plan = [
      ...Array.from({ length: requests }, (_, i) => ({ kind: "known" as const, email: `known${i}@example.com` })),
      ...Array.from({ length: requests }, (_, i) => ({ kind: "unknown" as const, email: `nobody${i}@example.com` })),
      ...Array.from({ length: requests }, () => ({ kind: "health" as const, email: "" })),
    ].sort(() => Math.random() - 0.5);
    const times: Record<"known" | "unknown" | "health", number[]> = { known: [], unknown: [], health: [] };
    const answers = new Set<string>();
    for (const step of plan) {
      const started = performance.now();
      const response =
        step.kind === "health"
          ? await fetch(`${server.url}/api/health`)
          : await post("/api/v1/lookup", JSON.stringify({ email: step.email }));
      const text = await response.text();
      times[step.kind].push(performance.now() - started);
      if (step.kind !== "health") answers.add(`${response.status} ${text}`);
    }

    const row = (label: string, values: number[]) =>
      `${label.padEnd(34)} ${quantile(values, 0.5).toFixed(2).padStart(8)} ms ${quantile(values, 0.9).toFixed(2).padStart(8)} ms`;
    console.log(
      `\n${"case".padEnd(34)} ${"median".padStart(11)} ${"p90".padStart(11)}   (${requests} requests each, interleaved)`,
    );
    console.log(row("GET /api/health (baseline)", times.health));
    console.log(row("POST /api/v1/lookup, known address", times.known));
    console.log(row("POST /api/v1/lookup, unknown address", times.unknown));
    const gap = quantile(times.known, 0.5) - quantile(times.unknown, 0.5);
    console.log(`\nmedian difference known − unknown: ${gap.toFixed(2)} ms`);
    console.log(`distinct answers (status + body): ${answers.size} → ${[...answers].join(" | ")}`);
  } finally {
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
